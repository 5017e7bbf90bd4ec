#include "backends/sqlite/sqlite_messages.h"

#include <fmt/format.h>

#include "backends/sqlite/sqlite_inspect_values.h"
#include "core/errors.h"

namespace keyway::backends::sqlite {

namespace {
constexpr std::size_t kViolationsShown = 10;
}  // namespace

std::string sqlite_message(const soci::soci_error& error) {
  std::string message = error.get_error_message();
  if (message.starts_with("sqlite3_")) {
    if (auto colon = message.find(": "); colon != std::string::npos) {
      message = message.substr(colon + 2);
    }
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  return message;
}

std::string text_at(const soci::row& row, std::size_t i) {
  try {
    return value_at(row, i).value_or("NULL");
  } catch (const DatabaseError&) {
    return "?";  // a value of a type the row reader does not know
  }
}

std::string ForeignKeyViolations::lines() const {
  std::string out;
  for (const auto& violation : shown) out += "\n  " + violation;
  if (total > shown.size()) out += fmt::format("\n  ... and {} more", total - shown.size());
  return out;
}

ForeignKeyViolations foreign_key_violations(soci::session& session) {
  ForeignKeyViolations out;
  soci::rowset<soci::row> rows = session.prepare << "PRAGMA foreign_key_check";
  for (const soci::row& row : rows) {
    ++out.total;
    if (out.shown.size() < kViolationsShown) {
      out.shown.push_back(fmt::format("{} rowid {}: no parent in {}", text_at(row, 0),
                                      text_at(row, 1), text_at(row, 2)));
    }
  }
  return out;
}

int pragma_value(soci::session& session, const std::string& name) {
  int value = 0;
  session << "PRAGMA " + name, soci::into(value);
  return value;
}

void quietly(soci::session& session, const std::string& sql) {
  try {
    session << sql;
  } catch (const soci::soci_error&) {
  }
}

}  // namespace keyway::backends::sqlite
