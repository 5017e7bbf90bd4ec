// Golden case files run on every backend: the parameters of a
// TEST_P(..., ::testing::ValuesIn(cases_on_every_backend(dir)), case_name).
#pragma once

#include <cctype>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "support/backend_fixture.h"
#include "support/case_file.h"

namespace keyway::testing {

using BackendCase = std::tuple<std::filesystem::path, std::string>;  // case file, backend

// Every *.case file of tests/<dir> on every backend.
inline std::vector<BackendCase> cases_on_every_backend(const std::string& dir) {
  std::vector<BackendCase> out;
  for (const auto& file :
       files_in(std::filesystem::path(KEYWAY_SOURCE_DIR) / "tests" / dir, ".case")) {
    for (const auto& backend : backend_names()) out.emplace_back(file, backend);
  }
  return out;
}

// "sqlite_01_seed_examples": the backend and the file's stem, as a test name.
inline std::string case_name(const ::testing::TestParamInfo<BackendCase>& info) {
  std::string name = std::get<1>(info.param) + "_" + std::get<0>(info.param).stem().string();
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

}  // namespace keyway::testing
