#include "core/errors.h"

#include <fmt/format.h>

namespace keyway {

std::string SourceLocation::to_string() const {
  return fmt::format("{}:{}:{}", file, line, column);
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
