// Errors that end an operation, each carrying the exit code DESIGN.md §5 gives it.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace keyway {

enum class ExitCode { kOk = 0, kPending = 1, kBadInput = 2, kDatabase = 3 };

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

// Arguments, configuration, schema files, migration files: exit 2.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message)
      : Error(ExitCode::kBadInput, message) {}
};

// The database refused or failed: exit 3.
class DatabaseError : public Error {
 public:
  explicit DatabaseError(const std::string& message)
      : Error(ExitCode::kDatabase, message) {}
};

// A position in a schema file; line and column are 1-based.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  std::string to_string() const;  // "file:line:col"
};

struct Diagnostic {
  SourceLocation where;
  std::string message;
  std::string to_string() const;  // "file:line:col: message"
};

// Every diagnostic found in a schema, collected before failing.
class SchemaError : public InputError {
 public:
  explicit SchemaError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace keyway
