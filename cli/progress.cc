#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/logging.h"

namespace keyway::cli {

namespace {

// The first line of a statement, cut to `width` characters.
std::string headline(const std::string& sql, std::size_t width) {
  std::string line = sql.substr(0, sql.find('\n'));
  if (line.size() > width) line = line.substr(0, width - 3) + "...";
  else if (line.size() < sql.size()) line += " ...";
  return line;
}

std::string elapsed_text(std::chrono::microseconds elapsed) {
  if (elapsed.count() < 10000) return fmt::format("{:.1f} ms", elapsed.count() / 1000.0);
  if (elapsed.count() < 10000000) return fmt::format("{} ms", elapsed.count() / 1000);
  return fmt::format("{:.1f} s", elapsed.count() / 1e6);
}

}  // namespace

backends::StatementProgress statement_progress() {
  const bool tty = isatty(STDERR_FILENO) == 1 && spdlog::default_logger()->should_log(spdlog::level::info);
  backends::StatementProgress progress;
  if (tty) {
    progress.started = [](std::size_t number, std::size_t total, const std::string& sql) {
      std::fputs(mask_secrets(fmt::format("\r\033[Krunning {} of {}: {}", number, total, headline(sql, 60))).c_str(),
                 stderr);
      std::fflush(stderr);
    };
  }
  progress.finished = [tty](std::size_t number, std::size_t total, const std::string& sql,
                            std::chrono::microseconds elapsed) {
    if (tty) std::fputs("\r\033[K", stderr);
    spdlog::info("[{}/{}] {}  {}", number, total, elapsed_text(elapsed), headline(sql, 100));
  };
  return progress;
}

}  // namespace keyway::cli
