// The lint codes with their default levels, and the levels in force after
// keyway.yaml's `lint:` map (code -> error | warning | off).
//
// Defaults: what loses data is an error (drop-table, drop-column); what may
// fail on existing rows, what takes heavy locks on PostgreSQL and what
// breaks running code (renames) is a warning. A data check on a live
// database (--db) that finds offending rows raises its finding to an error
// (the migration will fail), unless the code is off; one that finds none
// lowers it to info.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/lint/finding.h"

namespace keyway::lint {

struct CodeInfo {
  std::string code;
  Level level = Level::kWarning;  // the default
  std::string summary;            // one line, for --help and the docs
};

// Every code, in a stable order (documentation order).
const std::vector<CodeInfo>& codes();

bool is_code(std::string_view code);

// "error", "warning", "off". Throws InputError otherwise.
Level parse_level(const std::string& text);

class Levels {
 public:
  Levels();  // the defaults
  // The defaults with `configured` applied. Throws InputError naming an
  // unknown code or level, so that a typo in keyway.yaml does not silently
  // leave a rule on.
  explicit Levels(const std::map<std::string, std::string>& configured);

  Level of(const std::string& code) const;

  // The level `finding` ends up with: its code's level, raised to error when
  // a data check found offending rows, lowered to info when it found none;
  // kOff stays off.
  Level of(const Finding& finding) const;

 private:
  std::map<std::string, Level> levels_;
};

}  // namespace keyway::lint
