// Told about each statement apply() and run() execute, so that the command
// line can show it with its elapsed time as it runs (and a progress line on
// a terminal). Empty functions are not called.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace keyway::backends {

struct StatementProgress {
  // `number` is 1-based, out of `total` statements of the plan or script.
  std::function<void(std::size_t number, std::size_t total, const std::string& sql)> started;
  std::function<void(std::size_t number, std::size_t total, const std::string& sql,
                     std::chrono::microseconds elapsed)>
      finished;

  // Runs `execute` between started() and finished() (finished only when it
  // returns normally).
  template <typename Execute>
  auto timed(std::size_t number, std::size_t total, const std::string& sql, Execute&& execute) const {
    if (started) started(number, total, sql);
    const auto start = std::chrono::steady_clock::now();
    if constexpr (std::is_void_v<decltype(execute())>) {
      execute();
      report(number, total, sql, start);
    } else {
      auto result = execute();
      report(number, total, sql, start);
      return result;
    }
  }

 private:
  void report(std::size_t number, std::size_t total, const std::string& sql,
              std::chrono::steady_clock::time_point start) const {
    if (finished) {
      finished(number, total, sql, std::chrono::duration_cast<std::chrono::microseconds>(
                                       std::chrono::steady_clock::now() - start));
    }
  }
};

}  // namespace keyway::backends
