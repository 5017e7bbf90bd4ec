#include "core/migrate/sum_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "core/migrate/checksum.h"

namespace keyway::migrate {

namespace {

constexpr std::string_view kHeader = "keyway-sum v1";

std::string chain(const std::string& previous, const std::string& name,
                  const std::string& contents) {
  return sha256_hex(previous + "\n" + name + "\n" + contents);
}

bool is_hash(std::string_view text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// Lines without their '\n' (and a '\r' a Windows checkout may add).
std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  if (lines.empty()) lines.emplace_back();
  return lines;
}

std::string cannot_read(std::size_t line_number, const std::string& line, const char* expected) {
  return fmt::format("{} line {}: cannot read \"{}\"; expected \"{}\"", kSumFileName, line_number,
                     line, expected);
}

// "keyway-sum v1 <total>", or "keyway-sum v1" for no files.
std::optional<std::string> read_total(const std::string& line) {
  if (line == kHeader) return "";
  if (line.starts_with(std::string(kHeader) + " ") && is_hash(line.substr(kHeader.size() + 1))) {
    return line.substr(kHeader.size() + 1);
  }
  return std::nullopt;
}

struct Entry {
  std::string name;
  std::string hash;
};

std::optional<Entry> read_entry(const std::string& line) {
  const std::size_t space = line.rfind(' ');
  if (space == std::string::npos || space == 0 || !is_hash(line.substr(space + 1))) {
    return std::nullopt;
  }
  return Entry{line.substr(0, space), line.substr(space + 1)};
}

// An entry whose hash does not follow from the one above it: either its file
// changed, or it was hashed after an earlier entry, which is what merging two
// branches that both added migrations gives.
std::string mismatch(std::size_t line_number, const Entry& entry, const std::string& contents,
                     const std::vector<Entry>& above) {
  std::vector<std::string> starts = {""};
  for (std::size_t i = 0; i + 1 < above.size(); ++i) starts.push_back(above[i].hash);
  for (const auto& start : starts) {
    if (chain(start, entry.name, contents) == entry.hash) {
      return fmt::format("{} line {}: {} was hashed without {} before it (merged from another "
                         "branch?)",
                         kSumFileName, line_number, entry.name, above.back().name);
    }
  }
  return fmt::format("{} was edited after {} was written", entry.name, kSumFileName);
}

}  // namespace

std::string sum_text(const MigrationDir& dir) {
  std::string previous;
  std::string entries;
  for (const auto& [name, contents] : dir.files) {
    previous = chain(previous, name, contents);
    entries += name + " " + previous + "\n";
  }
  return std::string(kHeader) + (previous.empty() ? "" : " " + previous) + "\n" + entries;
}

std::vector<std::string> verify_sum(const MigrationDir& dir) {
  const std::filesystem::path path = dir.dir / kSumFileName;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (ec) return {fmt::format("cannot read {}: {}", path.string(), ec.message())};
    if (dir.files.empty()) return {};
    return {fmt::format("{} is missing", kSumFileName)};
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) return {fmt::format("cannot read {}: {}", path.string(), std::strerror(errno))};

  const std::map<std::string, std::string> files(dir.files.begin(), dir.files.end());
  const std::vector<std::string> lines = split_lines(text.str());
  std::vector<std::string> problems;
  const std::optional<std::string> total = read_total(lines[0]);
  if (!total) problems.push_back(cannot_read(1, lines[0], "keyway-sum v1 <total>"));

  std::vector<Entry> above;              // the readable entries so far
  std::optional<std::string> previous = "";  // unknown after an unreadable line
  std::set<std::string> listed;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto entry = read_entry(lines[i]);
    if (!entry) {
      problems.push_back(cannot_read(i + 1, lines[i], "<file name> <hash>"));
      previous.reset();
      continue;
    }
    const auto file = files.find(entry->name);
    if (!listed.insert(entry->name).second) {
      problems.push_back(fmt::format("{} line {}: {} is listed twice", kSumFileName, i + 1,
                                     entry->name));
    } else if (file == files.end()) {
      problems.push_back(fmt::format("{} lists {}, which is missing", kSumFileName, entry->name));
    } else if (previous && chain(*previous, entry->name, file->second) != entry->hash) {
      problems.push_back(mismatch(i + 1, *entry, file->second, above));
    }
    above.push_back(*entry);
    previous = entry->hash;
  }
  if (total && previous && *total != *previous) {
    problems.insert(problems.begin(),
                    fmt::format("{} line 1: the total is not the hash of the last line",
                                kSumFileName));
  }
  for (const auto& [name, contents] : dir.files) {
    if (!listed.count(name)) problems.push_back(fmt::format("{} is not in {}", name, kSumFileName));
  }
  return problems;
}

}  // namespace keyway::migrate
