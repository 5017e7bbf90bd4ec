#include "support/sql_text.h"

#include <sstream>

namespace keyway::testing {

void execute_script(soci::session& session, const std::string& script) {
  std::string statement;
  std::istringstream in(script);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("--", 0) == 0) continue;
    statement += line + "\n";
    const auto end = line.find_last_not_of(" \t");
    if (end != std::string::npos && line[end] == ';') {
      session << statement;
      statement.clear();
    }
  }
  if (statement.find_first_not_of(" \t\n") != std::string::npos) session << statement;
}

namespace {
std::string cell(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return "NULL";
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_string: return row.get<std::string>(i);
    case soci::dt_double: {
      std::ostringstream out;
      out << row.get<double>(i);
      return out.str();
    }
    case soci::dt_integer: return std::to_string(row.get<int>(i));
    case soci::dt_long_long: return std::to_string(row.get<long long>(i));
    case soci::dt_unsigned_long_long: return std::to_string(row.get<unsigned long long>(i));
    default: return "?";
  }
}
}  // namespace

std::string query_text(soci::session& session, const std::string& sql) {
  std::string out;
  soci::rowset<soci::row> rows = session.prepare << sql;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += "|";
      out += cell(row, i);
    }
    out += "\n";
  }
  return out;
}

}  // namespace keyway::testing
