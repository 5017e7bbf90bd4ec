// Google Benchmark timings of keyway's in-process pipeline stages on one
// schema and one database (bench/run.sh builds both):
//   keyway_stages_bench --schema=FILE --db=URL [--benchmark_* flags]
// Stages: load (YAML load+validate), lower, inspect (with the number of SQL
// statements it issued), diff, order, render, compare (everything after
// inspect that `keyway diff` and `apply` do: diff, order, render) and
// compare_both (what `keyway generate` does: the same and the reverse plan).
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
  stage("lower", [](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(schema::lower(model));
  });
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
  stage("diff", [](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(diff::diff(live, desired, driver->dialect()));
    state.counters["changes"] = static_cast<double>(changes.size());
  });
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
  stage("render", [](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(driver->render(ordered, live, desired));
  });
  auto compare_stage = [&stage](const char* name, cli::Directions directions) {
    stage(name, [directions](benchmark::State& state) {
      for (auto _ : state) {
        state.PauseTiming();
        auto from = live;
        auto to = desired;
        state.ResumeTiming();
        benchmark::DoNotOptimize(
            cli::compare(*driver, std::move(from), std::move(to), directions));
      }
    });
  };
  compare_stage("compare", cli::Directions::kForward);
  compare_stage("compare_both", cli::Directions::kBoth);
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
