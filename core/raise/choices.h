// Reading a CHECK back into `choices`: keyway writes a field's choices as
// `"col" IN ('a', 'b')` (DESIGN.md §1), and both backends inspect it in that
// spelling. Any other check is not a list of choices.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/model.h"

namespace keyway::raise {

struct ChoiceCheck {
  std::string column;
  std::vector<model::Value> values;
};

// `"col" IN (v1, v2, ...)` (column quoted or bare, any case and spacing,
// values SQL strings, numbers, true/false or NULL), or nothing.
std::optional<ChoiceCheck> parse_choice_check(const std::string& expression);

}  // namespace keyway::raise
