// Google Benchmark timings of keyway's in-process pipeline stages on one
// schema and one database (bench/run.sh builds both):
//   keyway_stages_bench --schema=FILE --db=URL [--benchmark_* flags]
// Stages: load (YAML load+validate), lower, inspect (with the number of SQL
// statements it issued), diff, order, render, compare (everything after
// inspect that `keyway diff` and `apply` do: diff, order, render) and
// compare_both (what `keyway generate` does: the same and the reverse plan).
//
// Each stage runs in a loop on the same inputs. At N=1,000 those inputs stay
// in the processor's caches from one repetition to the next; at N=10,000 (two
// schemas of ~20 MB each) they cannot, so the loop compares a warm stage with
// a cold one. keyway runs each stage once per command, on inputs an earlier
// stage built and the stages since have pushed out of the caches. The
// `_cold` variants of lower, diff, render, compare and compare_both time
// that: before each repetition they evict the caches (with the clock
// stopped), so every N starts from memory.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "backends/driver.h"
#include "bench/query_counter.h"
#include "cli/pipeline.h"
#include "core/diff/diff.h"
#include "core/model/loader.h"
#include "core/plan/order.h"
#include "core/schema/lower.h"

namespace keyway::bench {

namespace {

struct Inputs {
  std::string schema_path;
  std::string db_url;
};

// Writes a line of a buffer four times the last-level cache, so whatever a
// stage's inputs left in the caches is gone.
void evict_caches() {
  static std::vector<char> junk = [] {
    const long llc = sysconf(_SC_LEVEL3_CACHE_SIZE);
    return std::vector<char>(std::max<std::size_t>(4 * static_cast<std::size_t>(std::max(llc, 0L)),
                                                   std::size_t{128} << 20));
  }();
  for (std::size_t i = 0; i < junk.size(); i += 64) junk[i] = static_cast<char>(junk[i] + 1);
  benchmark::ClobberMemory();
}

// Repetitions of a cold stage: evicting the caches takes longer than most
// stages, so a fixed count instead of Google Benchmark's minimum time.
constexpr benchmark::IterationCount kColdIterations = 15;

void register_stages(const Inputs& in) {
  // Shared, read-only inputs of the later stages, computed once.
  static model::Schema model;
  static schema::Database desired;
  static schema::Database live;
  static std::vector<diff::Change> changes;
  static std::vector<diff::Change> ordered;
  static std::unique_ptr<backends::Driver> driver;
  static std::unique_ptr<QueryCounter> counter;

  model = model::load_schema(in.schema_path);
  desired = schema::lower(model);
  driver = backends::open(in.db_url);
  counter = std::make_unique<QueryCounter>(*driver);
  live = driver->inspect();
  changes = diff::diff(live, desired, driver->dialect());
  ordered = plan::order(changes, driver->dialect());

  const double tables = static_cast<double>(desired.tables.size());
  auto stage = [](const char* name, auto body) {
    return benchmark::RegisterBenchmark(name, body)->UseRealTime()->Unit(benchmark::kMillisecond);
  };
  stage("load", [path = in.schema_path, tables](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(model::load_schema(path));
    state.counters["tables"] = tables;
  });
  // A stage as `keyway` runs it once: its inputs made (`prepare`) and the
  // caches evicted with the clock stopped, then `run(inputs)` timed.
  auto cold = [&stage](const char* name, auto prepare, auto run) {
    stage(name, [prepare, run](benchmark::State& state) {
      for (auto _ : state) {
        state.PauseTiming();
        auto input = prepare();
        evict_caches();
        state.ResumeTiming();
        benchmark::DoNotOptimize(run(std::move(input)));
      }
    })->Iterations(kColdIterations);
  };
  const auto nothing = [] { return 0; };

  stage("lower", [](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(schema::lower(model));
  });
  cold("lower_cold", nothing, [](int) { return schema::lower(model); });
  stage("inspect", [](benchmark::State& state) {
    long queries = 0;
    for (auto _ : state) {
      counter->reset();
      benchmark::DoNotOptimize(driver->inspect());
      queries = counter->count();
    }
    state.counters["queries"] = static_cast<double>(queries);
    state.counters["live_tables"] = static_cast<double>(live.tables.size());
  });
  const auto run_diff = [](int) { return diff::diff(live, desired, driver->dialect()); };
  stage("diff", [run_diff](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(run_diff(0));
    state.counters["changes"] = static_cast<double>(changes.size());
  });
  cold("diff_cold", nothing, run_diff);
  // order() and compare() take their inputs by value and the commands move
  // theirs in: the copies are made with the clock stopped.
  stage("order", [](benchmark::State& state) {
    for (auto _ : state) {
      state.PauseTiming();
      auto input = changes;
      state.ResumeTiming();
      benchmark::DoNotOptimize(plan::order(std::move(input), driver->dialect()));
    }
  });
  const auto run_render = [](int) { return driver->render(ordered, live, desired); };
  stage("render", [run_render](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(run_render(0));
  });
  cold("render_cold", nothing, run_render);
  auto compare_stage = [&stage, &cold](const char* name, const char* cold_name,
                                       cli::Directions directions) {
    const auto copies = [] { return std::pair(live, desired); };
    const auto run = [directions](std::pair<schema::Database, schema::Database> sides) {
      return cli::compare(*driver, std::move(sides.first), std::move(sides.second), directions);
    };
    stage(name, [copies, run](benchmark::State& state) {
      for (auto _ : state) {
        state.PauseTiming();
        auto sides = copies();
        state.ResumeTiming();
        benchmark::DoNotOptimize(run(std::move(sides)));
      }
    });
    cold(cold_name, copies, run);
  };
  compare_stage("compare", "compare_cold", cli::Directions::kForward);
  compare_stage("compare_both", "compare_both_cold", cli::Directions::kBoth);
}

// Takes --schema= and --db= out of argv, leaving the benchmark flags.
Inputs take_inputs(int& argc, char** argv) {
  Inputs in;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--schema=")) {
      in.schema_path = arg.substr(9);
    } else if (arg.starts_with("--db=")) {
      in.db_url = arg.substr(5);
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  return in;
}

}  // namespace

}  // namespace keyway::bench

int main(int argc, char** argv) {
  const auto inputs = keyway::bench::take_inputs(argc, argv);
  if (inputs.schema_path.empty() || inputs.db_url.empty()) {
    std::fprintf(stderr, "usage: keyway_stages_bench --schema=FILE --db=URL [--benchmark_...]\n");
    return 2;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  keyway::bench::register_stages(inputs);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
