#include "core/lint/ignore.h"

#include <algorithm>
#include <regex>
#include <vector>

#include <fmt/format.h>

#include "core/errors.h"
#include "core/lint/levels.h"

namespace keyway::lint {

namespace {

constexpr std::string_view kDirective = "keyway:lint-ignore";

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      out.push_back(text.substr(start));
      break;
    }
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Adds the codes of every directive in `text` (which starts at `line`).
void collect(std::string_view text, int line, const std::string& file_name,
             std::set<std::string>& out) {
  static const std::regex kList(R"(^[ \t]+([A-Za-z0-9_-]+(?:[ \t]*,[ \t]*[A-Za-z0-9_-]+)*))");
  for (std::size_t at = text.find(kDirective); at != std::string_view::npos;
       at = text.find(kDirective, at + 1)) {
    const int at_line = line + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
    const std::string rest(text.substr(at + kDirective.size()));
    std::smatch m;
    if (!std::regex_search(rest, m, kList)) {
      throw InputError(fmt::format("{}:{}: expected lint codes after keyway:lint-ignore",
                                   file_name, at_line));
    }
    const std::string list = m[1].str();
    std::size_t start = 0;
    while (start <= list.size()) {
      std::size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      const std::string code(trimmed(std::string_view(list).substr(start, comma - start)));
      if (!is_code(code)) {
        throw InputError(fmt::format("{}:{}: unknown lint code '{}' in keyway:lint-ignore",
                                     file_name, at_line, code));
      }
      out.insert(code);
      start = comma + 1;
    }
  }
}

}  // namespace

std::set<std::string> ignored_codes(std::string_view file_text,
                                    const migrate::Statement& statement,
                                    const std::string& file_name) {
  std::set<std::string> out;
  const std::vector<std::string_view> lines = lines_of(file_text);
  // The comment lines directly above, nearest first.
  for (int line = statement.line - 1; line >= 1 && line <= static_cast<int>(lines.size()); --line) {
    const std::string_view text = trimmed(lines[static_cast<std::size_t>(line - 1)]);
    if (!text.starts_with("--")) break;
    collect(text, line, file_name, out);
  }
  collect(statement.text, statement.line, file_name, out);
  return out;
}

}  // namespace keyway::lint
