#include "support/run_keyway.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/case_file.h"

#ifndef KEYWAY_BINARY
#error "KEYWAY_BINARY must name the keyway binary"
#endif

namespace keyway::testing {

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

KeywayProcess::KeywayProcess(const std::vector<std::string>& args, const std::string& cwd,
                             const std::vector<std::string>& env)
    : capture_(std::make_unique<TempDir>()) {
  const std::string out_path = capture_->file("out");
  const std::string err_path = capture_->file("err");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int in = open("/dev/null", O_RDONLY);
    dup2(out, 1);
    dup2(err, 2);
    dup2(in, 0);
    unsetenv("KEYWAY_DATABASE_URL");
    setenv("NO_COLOR", "1", 1);
    for (const auto& e : env) {
      const auto eq = e.find('=');
      setenv(e.substr(0, eq).c_str(), e.substr(eq + 1).c_str(), 1);
    }
    std::vector<char*> argv;
    std::string binary = KEYWAY_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (auto& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
}

KeywayProcess::~KeywayProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

void KeywayProcess::kill(int signal) {
  if (pid_ > 0) ::kill(pid_, signal);
}

RunResult KeywayProcess::wait() {
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(capture_->file("out"));
  result.err = slurp(capture_->file("err"));
  return result;
}

RunResult run_keyway(const std::vector<std::string>& args, const std::string& cwd,
                     const std::vector<std::string>& env) {
  return KeywayProcess(args, cwd, env).wait();
}

}  // namespace keyway::testing
