#include "core/errors.h"

#include <mutex>
#include <unordered_set>

#include <fmt/format.h>

namespace keyway {

const std::string FileName::kNone;

namespace {

// Every file name seen, each once. A node-based set: a name stays where it is
// while others are added, so the pointers FileName keeps stay valid.
struct FileNamePool {
  std::mutex mutex;
  std::unordered_set<std::string> names;
};

FileNamePool& file_name_pool() {
  static FileNamePool* pool = new FileNamePool;  // never destroyed: FileNames may outlive main
  return *pool;
}

}  // namespace

FileName::FileName(std::string_view name) {
  if (name.empty()) return;  // kNone, so that "" equals a default FileName
  FileNamePool& pool = file_name_pool();
  const std::lock_guard<std::mutex> lock(pool.mutex);
  name_ = &*pool.names.emplace(name).first;
}

std::string SourceLocation::to_string() const {
  return fmt::format("{}:{}:{}", file.str(), line, column);
}

std::string Diagnostic::to_string() const {
  return fmt::format("{}: {}", where.to_string(), message);
}

namespace {
std::string join_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.to_string();
  }
  return out;
}
}  // namespace

SchemaError::SchemaError(std::vector<Diagnostic> diagnostics)
    : InputError(join_diagnostics(diagnostics)),
      diagnostics_(std::move(diagnostics)) {}

}  // namespace keyway
