#include "cli/diagram_output.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "core/diagram/dot.h"
#include "core/diagram/mermaid.h"
#include "core/errors.h"
#include "core/migrate/migration_dir.h"

namespace keyway::cli {

namespace {

// Graphviz's `dot`, as the shell would find it on PATH.
std::optional<std::filesystem::path> find_dot() {
  const char* path = std::getenv("PATH");
  if (!path) return std::nullopt;
  std::istringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const auto candidate = std::filesystem::path(dir.empty() ? "." : dir) / "dot";
    if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) {
      return candidate;
    }
  }
  return std::nullopt;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// `dot -Tsvg` with the graph on its standard input; no shell, so no quoting.
std::string render_svg(const std::string& graph) {
  const auto dot = find_dot();
  if (!dot) {
    throw InputError(
        "--format svg needs Graphviz, and `dot` is not on PATH: install Graphviz, or write "
        "--format dot and render it elsewhere");
  }
  const auto dir = std::filesystem::temp_directory_path() /
                   fmt::format("keyway-diagram-{}", static_cast<long>(::getpid()));
  std::filesystem::create_directories(dir);
  const auto input = dir / "graph.dot";
  const auto output = dir / "graph.svg";
  const auto errors = dir / "errors.txt";
  std::ofstream(input, std::ios::binary) << graph;
  const pid_t child = ::fork();
  if (child == 0) {
    const int in = ::open(input.c_str(), O_RDONLY);
    const int out = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) ::_exit(127);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execl(dot->c_str(), "dot", "-Tsvg", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  if (child < 0 || ::waitpid(child, &status, 0) < 0) status = -1;
  const std::string svg = read_file(output);
  const std::string message = read_file(errors);
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  if (status != 0) {
    throw InputError(fmt::format("`{} -Tsvg` failed: {}", dot->string(),
                                 message.empty() ? "no message" : message));
  }
  return svg;
}

}  // namespace

std::string draw(const model::Schema& schema, const std::string& format,
                 const diagram::DiagramOptions& options) {
  if (format == "mermaid") return diagram::to_mermaid(schema, options);
  const std::string graph = diagram::to_dot(schema, options);
  return format == "svg" ? render_svg(graph) : graph;
}

void write_output(const std::string& text, const std::string& out_path) {
  if (out_path.empty()) {
    std::cout << text;
    return;
  }
  migrate::write_file_atomically(out_path, text);
}

}  // namespace keyway::cli
