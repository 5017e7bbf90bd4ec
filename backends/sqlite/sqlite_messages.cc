#include "backends/sqlite/sqlite_messages.h"

#include <fmt/format.h>

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
  if (row.get_indicator(i) == soci::i_null) return "NULL";
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_string: return row.get<std::string>(i);
    case soci::dt_integer: return std::to_string(row.get<int>(i));
    case soci::dt_long_long: return std::to_string(row.get<long long>(i));
    case soci::dt_unsigned_long_long: return std::to_string(row.get<unsigned long long>(i));
    case soci::dt_double: return fmt::format("{}", row.get<double>(i));
    default: return "?";
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
