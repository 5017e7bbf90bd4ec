// Text output of a comparison: the changes in words, then the SQL.
#pragma once

#include <ostream>

#include "cli/pipeline.h"

namespace keyway::cli {

// "No changes" or the list of changes (destructive and data-dependent ones
// marked), followed by the unmanaged objects left alone.
void print_changes(std::ostream& out, const Comparison& comparison);

// Objects keyway does not manage, one "  - ..." line each, under a heading.
void print_unmanaged(std::ostream& out, const schema::Database& live);

}  // namespace keyway::cli
