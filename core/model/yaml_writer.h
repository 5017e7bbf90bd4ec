// model -> YAML text (DESIGN.md §1), the inverse of load_schema_text(): what
// `keyway inspect` writes. Deterministic: models in the schema's order,
// fields in theirs, options in one fixed order, and comments where given.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/model/model.h"

namespace keyway::model {

struct YamlComments {
  std::vector<std::string> header;                         // lines at the top
  std::map<std::string, std::vector<std::string>> models;  // model name -> lines above it
};

std::string write_yaml(const Schema& schema, const YamlComments& comments = {});

}  // namespace keyway::model
