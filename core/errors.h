// Errors that end an operation, each carrying the exit code DESIGN.md §5 gives it.
#pragma once

#include <compare>
#include <stdexcept>
#include <string>
#include <string_view>
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

// The name of a schema file, one pointer wide. Every field, model and index
// holds where it was written, and a path is usually longer than the 15 bytes
// a std::string keeps inline: at 10,000 models a copy in each was a heap block
// apiece, between the fields that every pass reads. So each name is kept once,
// in a process-wide pool, and a FileName points at it. Names are never freed:
// a process reads a handful of schema files.
class FileName {
 public:
  FileName() = default;  // ""
  // Implicit, so a path can be given where a FileName is asked. Looks the name
  // up in the pool (under a lock): build one per file and copy it.
  FileName(std::string_view name);  // NOLINT
  FileName(const std::string& name) : FileName(std::string_view(name)) {}  // NOLINT
  FileName(const char* name) : FileName(std::string_view(name)) {}  // NOLINT

  const std::string& str() const { return *name_; }
  bool empty() const { return name_->empty(); }

  // The pool holds each name once, so equal names are the same pointer.
  friend bool operator==(FileName a, FileName b) { return a.name_ == b.name_; }
  // In the order of the names, not of the pointers.
  friend std::strong_ordering operator<=>(FileName a, FileName b) {
    return a.name_ == b.name_ ? std::strong_ordering::equal : *a.name_ <=> *b.name_;
  }

 private:
  static const std::string kNone;
  const std::string* name_ = &kNone;
};

// A position in a schema file; line and column are 1-based.
struct SourceLocation {
  FileName file;
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
