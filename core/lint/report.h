// The findings of one `keyway lint` run, with levels applied and
// keyway:lint-ignore directives honoured, and their two outputs: text (one
// line per finding, compiler style) and JSON (version 1, keys sorted).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/lint/finding.h"
#include "core/lint/levels.h"

namespace keyway::lint {

struct Report {
  std::string mode;                // "migrations", or "schema" (--schema)
  std::vector<std::string> files;  // linted, in order
  std::vector<Finding> findings;   // at info level or above, sorted by file, statement, code
  int ignored = 0;                 // silenced by keyway:lint-ignore

  int count(Level level) const;
  bool has_errors() const { return count(Level::kError) > 0; }
};

class ReportBuilder {
 public:
  ReportBuilder(std::string mode, Levels levels);

  void add_file(const std::string& file);
  // Keeps `finding` unless its code is off or in `ignored_codes`.
  void add(Finding finding, const std::set<std::string>& ignored_codes);
  Report finish();

 private:
  Report report_;
  Levels levels_;
};

// file:line: statement N: level: message [code], one line each, then a summary.
std::string to_text(const Report& report);

// {"version": 1, "mode", "files", "findings": [{"code", "level", "message",
// "change", "file", "statement", "line", "offending_rows"}], "summary":
// {"errors", "warnings", "infos", "ignored"}}, keys sorted, 2-space indent.
std::string to_json(const Report& report);

}  // namespace keyway::lint
