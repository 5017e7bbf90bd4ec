// The schema IR and the diff's changes as JSON, for --format json. Stable:
// objects keep the IR's order (tables and changes are already ordered), no
// timestamps, so that CI can diff two runs. Shape: docs/json-format.md.
#pragma once

#include <nlohmann/json.hpp>

#include "core/diff/change.h"
#include "core/schema/schema.h"

namespace keyway::cli {

nlohmann::ordered_json to_json(const schema::ColumnType& type);
nlohmann::ordered_json to_json(const schema::Column& column);
nlohmann::ordered_json to_json(const schema::ForeignKey& key);
nlohmann::ordered_json to_json(const schema::UniqueKey& key);
nlohmann::ordered_json to_json(const schema::Index& index);
nlohmann::ordered_json to_json(const schema::Check& check);
nlohmann::ordered_json to_json(const schema::Table& table);
nlohmann::ordered_json to_json(const schema::Database& database);

// {"kind": "add_foreign_key", "table": ..., "object": ..., "before": ...,
//  "after": ..., "description": ..., "destructive": ..., "data_dependent": ...}
nlohmann::ordered_json to_json(const diff::Change& change);

}  // namespace keyway::cli
