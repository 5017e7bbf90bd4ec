#include "core/lint/levels.h"

#include <fmt/format.h>

#include "core/errors.h"

namespace keyway::lint {

const char* to_string(Level level) {
  switch (level) {
    case Level::kOff: return "off";
    case Level::kInfo: return "info";
    case Level::kWarning: return "warning";
    case Level::kError: return "error";
  }
  return "?";
}

const std::vector<CodeInfo>& codes() {
  static const std::vector<CodeInfo> kCodes = {
      {"drop-table", Level::kError, "drops a table and its rows"},
      {"drop-column", Level::kError, "drops a column and its values"},
      {"unique-over-rows", Level::kWarning,
       "adds a unique to a table that exists: fails on duplicate rows"},
      {"not-null-without-default", Level::kWarning,
       "adds a NOT NULL column without a default to a table that exists: fails if it has rows"},
      {"set-not-null", Level::kWarning,
       "makes a column of a table that exists NOT NULL: fails on rows holding NULL"},
      {"foreign-key-over-rows", Level::kWarning,
       "adds a foreign key to a table that exists: fails on rows without a parent"},
      {"check-over-rows", Level::kWarning,
       "adds a check to a table that exists: fails on rows that break it"},
      {"pg-foreign-key-without-not-valid", Level::kWarning,
       "PostgreSQL: adds a foreign key to a table that exists without NOT VALID, "
       "locking both tables while every row is checked"},
      {"pg-index-without-concurrently", Level::kWarning,
       "PostgreSQL: builds an index on a table that exists without CONCURRENTLY, "
       "blocking writes while it builds"},
      {"pg-type-rewrites-table", Level::kWarning,
       "PostgreSQL: changes a column's type in a way that rewrites the table "
       "under an exclusive lock"},
      {"rename-table", Level::kWarning, "renames a table that running code may still use"},
      {"rename-column", Level::kWarning, "renames a column that running code may still use"},
  };
  return kCodes;
}

bool is_code(std::string_view code) {
  for (const auto& info : codes()) {
    if (info.code == code) return true;
  }
  return false;
}

Level parse_level(const std::string& text) {
  if (text == "error") return Level::kError;
  if (text == "warning") return Level::kWarning;
  if (text == "off") return Level::kOff;
  throw InputError(fmt::format("expected a lint level error, warning or off, got '{}'", text));
}

Levels::Levels() {
  for (const auto& info : codes()) levels_[info.code] = info.level;
}

Levels::Levels(const std::map<std::string, std::string>& configured) : Levels() {
  for (const auto& [code, level] : configured) {
    if (!is_code(code)) {
      std::string known;
      for (const auto& info : codes()) known += (known.empty() ? "" : ", ") + info.code;
      throw InputError(fmt::format("lint: unknown code '{}' (known: {})", code, known));
    }
    try {
      levels_[code] = parse_level(level);
    } catch (const InputError& e) {
      throw InputError(fmt::format("lint.{}: {}", code, e.what()));
    }
  }
}

Level Levels::of(const std::string& code) const {
  auto it = levels_.find(code);
  return it == levels_.end() ? Level::kWarning : it->second;
}

Level Levels::of(const Finding& finding) const {
  const Level level = of(finding.code);
  if (level == Level::kOff || !finding.offending_rows) return level;
  return *finding.offending_rows > 0 ? Level::kError : Level::kInfo;
}

}  // namespace keyway::lint
