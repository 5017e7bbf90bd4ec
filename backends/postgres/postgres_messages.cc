#include "backends/postgres/postgres_messages.h"

#include <cstddef>

#include <soci/postgresql/soci-postgresql.h>

namespace keyway::backends::postgres {

std::string pg_message(const soci::soci_error& error) {
  return pg_message(error.get_error_message());
}

std::string pg_message(const std::string& raw) {
  std::string message = raw;
  for (const char* prefix : {"Cannot execute query. ", "ERROR:  "}) {
    if (message.starts_with(prefix)) message = message.substr(std::string(prefix).size());
  }
  if (const auto at = message.find("ERROR:  "); at != std::string::npos) {
    message = message.substr(at + 8);
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  // DETAIL and HINT lines indented under the message: "\n  DETAIL: ...".
  std::string out;
  for (std::size_t i = 0; i < message.size(); ++i) {
    out += message[i];
    if (message[i] != '\n') continue;
    out += "  ";
    for (const char* label : {"DETAIL:  ", "HINT:  "}) {
      if (message.compare(i + 1, std::string(label).size(), label) == 0) {
        out += std::string(label).substr(0, std::string(label).size() - 1);
        i += std::string(label).size();
      }
    }
  }
  return out;
}

bool is_lock_timeout(const soci::soci_error& error) {
  const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error);
  return pg != nullptr && pg->sqlstate() == kLockNotAvailable;
}

void quietly(soci::session& session, const std::string& sql) {
  try {
    session << sql;
  } catch (const soci::soci_error&) {
  }
}

std::string text_of(soci::session& session, const std::string& query) {
  std::string value;
  soci::indicator indicator = soci::i_ok;
  session << query, soci::into(value, indicator);
  return indicator == soci::i_ok ? value : "";
}

}  // namespace keyway::backends::postgres
