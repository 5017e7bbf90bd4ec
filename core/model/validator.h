// Checks that need the whole schema: references between models (to, through,
// to_field, unique_together, indexes), names that clash once mapped to tables
// and columns (DESIGN.md §2), reverse accessors, identifier lengths.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/errors.h"
#include "core/model/loader.h"
#include "core/model/model.h"

namespace keyway::model {

// Where the value of each written option is. A field has a handful, so a
// flat list: smaller and faster to fill than a map.
class OptionLocations {
 public:
  // Records `option` (again: the later place wins).
  void set(std::string_view option, SourceLocation where);
  bool contains(std::string_view option) const { return find(option) != nullptr; }
  const SourceLocation* find(std::string_view option) const;

 private:
  std::vector<std::pair<std::string, SourceLocation>> entries_;
};

// Where the options of one field were written; Field::where is its name.
struct FieldSource {
  OptionLocations values;  // option name -> its value
  // The loader could not tell the field's type and has said so: later checks
  // skip the field rather than report what follows from that one mistake.
  bool broken = false;

  // The value of `option` when written, else `fallback`.
  SourceLocation at(const std::string& option, const SourceLocation& fallback) const;
};

// Where the options of one model were written; Model::where is its name.
struct ModelSource {
  OptionLocations values;                               // table, renamed_from
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
