// Helpers for the model tests: load YAML from a string or a temporary
// directory, and read back either the Schema or the joined diagnostics.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "core/errors.h"
#include "core/model/loader.h"

namespace keyway::model::testing {

// Loads `yaml` as "schema.yaml"; returns "" when it loads, else every
// diagnostic, one per line.
inline std::string load_errors(const std::string& yaml, const LoadOptions& options = {}) {
  try {
    load_schema_text(yaml, "schema.yaml", options);
    return "";
  } catch (const SchemaError& e) {
    return e.what();
  }
}

// Same for a file or a directory.
inline std::string load_path_errors(const std::filesystem::path& path) {
  try {
    load_schema(path);
    return "";
  } catch (const SchemaError& e) {
    return e.what();
  }
}

inline Schema load(const std::string& yaml) { return load_schema_text(yaml, "schema.yaml"); }

// A directory under the system temp directory, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("keyway_model_test_" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const auto file = path_ / name;
    std::ofstream(file) << text;
    return file;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace keyway::model::testing
