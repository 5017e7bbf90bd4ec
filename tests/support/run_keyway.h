// Runs the built keyway binary as a user would, capturing its exit code and output.
#pragma once

#include <string>
#include <vector>

namespace keyway::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

// Runs KEYWAY_BINARY with `args` in `cwd`; `env` entries ("NAME=value") are
// added to the environment (KEYWAY_DATABASE_URL is cleared unless given).
RunResult run_keyway(const std::vector<std::string>& args, const std::string& cwd = "",
                     const std::vector<std::string>& env = {});

}  // namespace keyway::testing
