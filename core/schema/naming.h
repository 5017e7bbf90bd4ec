// Deterministic physical names (DESIGN.md §2): tables, columns, junctions,
// constraints and indexes, shortened by a stable hash when too long.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/model.h"

namespace keyway::schema {

// PostgreSQL keeps 63 bytes of an identifier; keyway shortens every generated
// name to fit it on every backend so names do not depend on the database.
inline constexpr std::size_t kNameLimit = 63;

std::string lower_ascii(std::string text);

// `name` when it fits in `limit` bytes; otherwise its first bytes, '_', and an
// 8-hex-digit FNV-1a hash of the whole name, `limit` bytes in all.
std::string shorten(const std::string& name, std::size_t limit = kNameLimit);

// `table` if given; else <app>_<model lower> when app is set; else <model lower>.
std::string table_name(const model::Model& model);
// A scalar's column: db_column or the field name. A relation's: db_column or <field>_id.
std::string column_name(const model::Field& field);
// A many_to_many's implicit junction table: db_table or <source table>_<field>.
std::string junction_table_name(const model::Model& owner, const model::Field& field);
// Junction columns: <model lower>_id; for a self relation from_<m>_id / to_<m>_id.
std::string junction_source_column(const model::Model& owner, const model::Field& field);
std::string junction_target_column(const model::Model& owner, const model::Field& field);

// <table>_<col1>_<col2>_<suffix> ("fkey", "key", "idx", "check"), shortened.
std::string constraint_name(const std::string& table, const std::vector<std::string>& columns,
                            std::string_view suffix);
// The same for one column, without a vector to hold it.
std::string column_constraint_name(const std::string& table, const std::string& column,
                                   std::string_view suffix);

}  // namespace keyway::schema
