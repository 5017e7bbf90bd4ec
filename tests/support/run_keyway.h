// Runs the built keyway binary as a user would, capturing its exit code and output.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

namespace keyway::testing {

class TempDir;

struct RunResult {
  int exit_code = -1;  // 128 + signal when killed
  std::string out;     // standard output
  std::string err;     // standard error
};

// Runs KEYWAY_BINARY with `args` in `cwd`; `env` entries ("NAME=value") are
// added to the environment (KEYWAY_DATABASE_URL is cleared unless given).
RunResult run_keyway(const std::vector<std::string>& args, const std::string& cwd = "",
                     const std::vector<std::string>& env = {});

// The same, started in the background: for concurrent runners and for a
// runner killed in the middle of its work.
class KeywayProcess {
 public:
  KeywayProcess(const std::vector<std::string>& args, const std::string& cwd = "",
                const std::vector<std::string>& env = {});
  ~KeywayProcess();  // kills and reaps a process still running
  KeywayProcess(const KeywayProcess&) = delete;
  KeywayProcess& operator=(const KeywayProcess&) = delete;

  pid_t pid() const { return pid_; }
  void kill(int signal);
  RunResult wait();

 private:
  std::unique_ptr<TempDir> capture_;
  pid_t pid_ = -1;
};

}  // namespace keyway::testing
