// Reads one field of a model: the shorthand `bio: text` or a mapping with
// `type` and the options that apply to that type (DESIGN.md §1), with the
// checks that need nothing but the field itself.
#pragma once

#include <string>

#include "core/model/model.h"
#include "core/model/validator.h"
#include "core/model/yaml_reader.h"

namespace keyway::model {

Field read_field(YamlReader& reader, const Entry& entry, const std::string& model_name,
                 FieldSource& source);

}  // namespace keyway::model
