#include "cli/logging.h"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <mutex>
#include <regex>
#include <string_view>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

namespace keyway::cli {

namespace {

// Both patterns below need "://" or the word "password", which most lines
// (one per statement applied) lack: those skip the regular expressions.
bool may_hold_secret(const std::string& text) {
  if (text.find("://") != std::string::npos) return true;
  constexpr std::string_view kWord = "password";
  const auto same = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == static_cast<unsigned char>(b);
  };
  return std::search(text.begin(), text.end(), kWord.begin(), kWord.end(), same) != text.end();
}

}  // namespace

std::string mask_secrets(const std::string& text) {
  if (!may_hold_secret(text)) return text;
  static const std::regex kUrlPassword(R"(([A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*:)[^@\s]*@)");
  static const std::regex kKeyword(R"((password\s*=\s*)('[^']*'|\S+))", std::regex::icase);
  return std::regex_replace(std::regex_replace(text, kUrlPassword, "$1***@"), kKeyword, "$1***");
}

namespace {

// Writes each record to standard error, masked, as text or as JSON.
class MaskingSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit MaskingSink(LogFormat format) : format_(format) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    const std::string text = mask_secrets(std::string(msg.payload.data(), msg.payload.size()));
    const std::string level(spdlog::level::to_string_view(msg.level).data(),
                            spdlog::level::to_string_view(msg.level).size());
    if (format_ == LogFormat::kJson) {
      const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                              msg.time.time_since_epoch()).count();
      const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
      std::tm utc{};
      gmtime_r(&seconds, &utc);
      char stamp[32];
      std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);
      nlohmann::json line = {{"time", fmt::format("{}.{:03}Z", stamp, millis % 1000)},
                             {"level", level},
                             {"message", text}};
      write_line(line.dump());
    } else {
      write_line("keyway: " + (msg.level >= spdlog::level::warn ? level + ": " : "") + text);
    }
  }
  // One write per record: standard error is unbuffered, and a line written
  // piecewise costs a system call per piece (one record per applied statement).
  static void write_line(std::string line) {
    line += '\n';
    std::cerr.write(line.data(), static_cast<std::streamsize>(line.size()));
  }
  void flush_() override { std::cerr.flush(); }

 private:
  LogFormat format_;
};

}  // namespace

void setup_logging(int verbosity, LogFormat format) {
  auto logger = std::make_shared<spdlog::logger>("keyway", std::make_shared<MaskingSink>(format));
  logger->set_level(verbosity > 0 ? spdlog::level::debug
                    : verbosity < 0 ? spdlog::level::err
                                    : spdlog::level::info);
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
}

}  // namespace keyway::cli
