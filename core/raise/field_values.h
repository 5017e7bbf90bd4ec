// Column facts as model values: types, defaults, ON DELETE actions. Each
// answers nothing when keyway's YAML cannot hold the fact as it is.
#pragma once

#include <optional>

#include "core/model/model.h"
#include "core/schema/schema.h"

namespace keyway::raise {

// The field type for a column type; kOther has none.
std::optional<model::FieldType> field_type_for(const schema::ColumnType& type);

// A default or a choice as a value the loader accepts for a field of `type`
// (a boolean stored as 1/0 reads as true/false).
std::optional<model::Value> value_for(model::FieldType type, const schema::Literal& literal);
bool fits(model::FieldType type, const model::Value& value);

model::OnDelete on_delete_for(schema::Action action);

}  // namespace keyway::raise
