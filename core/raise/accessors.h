// Reverse accessors (DESIGN.md §1 `related_name`): the loader rejects two
// that clash, as Django does. Raised relations get Django's default
// (<model>_set, or <model> for one_to_one) and a related_name only where that
// default is already taken on the target.
#pragma once

#include "core/model/model.h"

namespace keyway::raise {

void name_reverse_accessors(model::Schema& schema);

}  // namespace keyway::raise
