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
#include "core/model/yaml_tree.h"

namespace keyway::model {

// Where the value of each written option is. A field has a handful, so a
// flat list: smaller and faster to fill than a map. The options of a field or
// a model are in its file, so only their positions are kept.
class OptionLocations {
 public:
  void reserve(std::size_t options) { entries_.reserve(options); }
  // Records `option` (again: the later place wins). Keeps the view, not a
  // copy, so `option` must outlive this: a literal or a spelling from the
  // loader's tables, never the YAML text, which is freed before validate().
  void set(std::string_view option, YamlMark where);
  bool contains(std::string_view option) const { return find(option) != nullptr; }
  // Where `option` was written, in the file of `fallback`; `fallback` when it was not.
  SourceLocation at(std::string_view option, const SourceLocation& fallback) const;

 private:
  const YamlMark* find(std::string_view option) const;

  std::vector<std::pair<std::string_view, YamlMark>> entries_;
};

// Where the options of one field were written; Field::where is its name.
struct FieldSource {
  OptionLocations values;  // option name -> its value
  // The loader could not tell the field's type and has said so: later checks
  // skip the field rather than report what follows from that one mistake.
  bool broken = false;

  // The value of `option` when written, else `fallback` (the field's name).
  SourceLocation at(std::string_view option, const SourceLocation& fallback) const {
    return values.at(option, fallback);
  }
};

// Where the options of one model were written; Model::where is its name.
struct ModelSource {
  OptionLocations values;                               // table, renamed_from
  std::vector<FieldSource> fields;                      // parallel to Model::fields
  std::vector<std::vector<SourceLocation>> unique_together;  // each name of each group
  std::vector<std::vector<SourceLocation>> index_fields;     // each name of each index
  std::vector<SourceLocation> index_names;             // each index's name (or the index)
  // check_model() has run: what it found, reported by validate() in its place.
  bool checked = false;
  std::vector<Diagnostic> checked_before;  // before the model's relations are checked
  std::vector<Diagnostic> checked_after;

  // The value of `option` when written, else `fallback` (the model's name).
  SourceLocation at(std::string_view option, const SourceLocation& fallback) const {
    return values.at(option, fallback);
  }
};

// The checks of validate() that need `model` alone, run now and kept in
// `source` for validate() to report: the loader checks each model as it reads
// it, while the model is still in the CPU's caches.
void check_model(const Model& model, ModelSource& source, const LoadOptions& options);

// Every problem of `schema` (whose models `sources` parallels), in no order.
std::vector<Diagnostic> validate(const Schema& schema, const std::vector<ModelSource>& sources,
                                 const LoadOptions& options);

}  // namespace keyway::model
