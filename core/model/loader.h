// Loads a schema from a YAML file or a directory of *.yaml files (merged, in
// file-name order), then validates it. Every problem found, in loading or in
// validation, is collected and thrown together as one SchemaError whose
// diagnostics read "file:line:col: message".
#pragma once

#include <filesystem>
#include <string>

#include "core/model/model.h"

namespace keyway::model {

struct LoadOptions {
  // Identifiers longer than this after mapping are rejected (0: no limit).
  std::size_t max_identifier_length = 63;
};

Schema load_schema(const std::filesystem::path& path, const LoadOptions& options = {});

// Loads one document already in memory; `file_name` is used in diagnostics.
Schema load_schema_text(const std::string& text, const std::string& file_name,
                        const LoadOptions& options = {});

}  // namespace keyway::model
