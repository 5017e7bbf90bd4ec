// lower(model) -> schema IR, exactly as DESIGN.md §2: implicit `id`,
// `<field>_id` columns, foreign keys with their ON DELETE action, foreign-key
// indexes, UNIQUE for one_to_one, junction tables. Relations disappear here:
// after lowering, a many_to_many is an ordinary table (as Wt::Dbo does).
#pragma once

#include "core/model/model.h"
#include "core/schema/schema.h"

namespace keyway::schema {

// Expects a schema that passed validation (load_schema validates).
Database lower(const model::Schema& schema);

}  // namespace keyway::schema
