// One table raised to one model: its fields in column order (foreign keys as
// relations), uniques as `unique` / one_to_one / unique_together, indexes as
// db_index or the model's `indexes`, `choices` CHECKs as choices. Whatever it
// cannot say is added to `notes`.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/model/model.h"
#include "core/raise/catalog.h"

namespace keyway::raise {

// Per table, the field name of each column (the implicit id's is "id").
using FieldNames = std::map<std::string, std::map<std::string, std::string>>;

FieldNames name_fields(const Catalog& catalog);

model::Model build_model(const Catalog& catalog, const FieldNames& names, const TableInfo& info,
                         std::vector<std::string>& notes);

}  // namespace keyway::raise
