// Checks that need the whole schema: references between models (to, through,
// to_field, unique_together, indexes), names that clash once mapped to tables
// and columns (DESIGN.md §2), reverse accessors, identifier lengths.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/model/loader.h"
#include "core/model/model.h"

namespace keyway::model {

// Where the options of one field were written; Field::where is its name.
struct FieldSource {
  std::map<std::string, SourceLocation> values;  // option name -> its value
  // The loader could not tell the field's type and has said so: later checks
  // skip the field rather than report what follows from that one mistake.
  bool broken = false;

  // The value of `option` when written, else `fallback`.
  SourceLocation at(const std::string& option, const SourceLocation& fallback) const;
};

// Where the options of one model were written; Model::where is its name.
struct ModelSource {
  std::map<std::string, SourceLocation> values;        // table, renamed_from
  std::vector<FieldSource> fields;                      // parallel to Model::fields
  std::vector<std::vector<SourceLocation>> unique_together;  // each name of each group
  std::vector<std::vector<SourceLocation>> index_fields;     // each name of each index
  std::vector<SourceLocation> index_names;             // each index's name (or the index)

  SourceLocation at(const std::string& option, const SourceLocation& fallback) const;
};

// Every problem of `schema` (whose models `sources` parallels), in no order.
std::vector<Diagnostic> validate(const Schema& schema, const std::vector<ModelSource>& sources,
                                 const LoadOptions& options);

}  // namespace keyway::model
