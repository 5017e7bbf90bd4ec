// IR x IR -> changes. Tables pair by name (or by a renamed_from hint);
// constraints and indexes pair by meaning (columns, target, actions), never by
// name, so a database made by another tool diffs clean when it means the same.
#pragma once

#include <vector>

#include "core/diff/change.h"
#include "core/schema/dialect.h"
#include "core/schema/schema.h"

namespace keyway::diff {

// The changes that turn `from` (usually inspected) into `to` (usually
// lowered), unordered. A renamed_from hint that matches nothing throws
// InputError naming the table or column. Changes that keep relationship links
// (CopyLinks) are emitted when a relation changes shape.
std::vector<Change> diff(const schema::Database& from, const schema::Database& to,
                         const schema::Dialect& dialect);

}  // namespace keyway::diff
