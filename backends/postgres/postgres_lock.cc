// The one-runner-per-database lock of a PostgreSQL schema (DESIGN.md §4): a
// session-level advisory lock on (kLockClass, hashtext(schema)), polled with
// pg_try_advisory_lock() until the wait runs out. Advisory locks belong to
// the database and the session: the server releases the lock of a runner
// whose connection drops. While it holds the lock, the session's
// application_name names the holder, so that a waiter (and anyone reading
// pg_stat_activity) can tell who it is.
#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "backends/common/migration_messages.h"
#include "backends/postgres/postgres_driver.h"
#include "backends/postgres/postgres_messages.h"
#include "core/errors.h"

namespace keyway::backends::postgres {

namespace {

using Clock = std::chrono::steady_clock;

// The first key of keyway's advisory locks: "kway" in ASCII (0x6b776179);
// the second is hashtext(schema).
constexpr const char* kLockClass = "1802985849";
constexpr const char* kKeys = "1802985849, hashtext(:schema)";
constexpr std::chrono::milliseconds kPollInterval{100};
// PostgreSQL keeps application_name to NAMEDATALEN - 1 bytes.
constexpr std::size_t kMaxApplicationName = 63;

class AdvisoryLock final : public RunLock {
 public:
  AdvisoryLock(soci::session& session, std::string schema_name, std::string application_name)
      : session_(session), schema_(std::move(schema_name)),
        previous_application_name_(std::move(application_name)) {}
  ~AdvisoryLock() override {
    try {
      int released = 0;
      session_ << fmt::format("SELECT pg_advisory_unlock({})::int", kKeys), soci::use(schema_),
          soci::into(released);
    } catch (const soci::soci_error&) {
      // A broken connection: the server released the lock with it.
    }
    try {
      session_ << "SELECT set_config('application_name', :name, false)",
          soci::use(previous_application_name_);
    } catch (const soci::soci_error&) {
    }
  }
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;

 private:
  soci::session& session_;
  std::string schema_;
  std::string previous_application_name_;
};

// "keyway: <holder>", or the holder itself when it already says keyway, cut
// to what PostgreSQL keeps without splitting a UTF-8 character.
std::string application_name_of(const std::string& holder) {
  std::string name = holder.starts_with("keyway") ? holder : "keyway: " + holder;
  if (name.size() <= kMaxApplicationName) return name;
  std::size_t end = kMaxApplicationName;
  while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) --end;
  return name.substr(0, end);
}

// "(pid 42, application_name 'keyway: migrate up', client 10.0.0.5, since
// 2026-11-24 18:30:00 UTC)", or "" when the holder is gone by now.
std::string describe_holder(soci::session& session, const std::string& schema_name) {
  soci::rowset<soci::row> rows =
      (session.prepare << fmt::format(
           "SELECT l.pid::text, a.application_name, host(a.client_addr),"
           " to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
           " FROM pg_catalog.pg_locks l"
           " LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
           " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2"
           " AND l.database = (SELECT oid FROM pg_catalog.pg_database"
           "                   WHERE datname = current_database())"
           " AND l.classid = {}::oid AND l.objid = hashtext(:schema)::oid",
           kLockClass),
       soci::use(schema_name));
  for (const soci::row& row : rows) {
    const auto text = [&row](std::size_t i, const std::string& otherwise) {
      return row.get_indicator(i) == soci::i_null ? otherwise : row.get<std::string>(i);
    };
    return fmt::format(" (pid {}, application_name '{}', client {}, since {})", text(0, "?"),
                       text(1, ""), text(2, "local socket"),
                       row.get_indicator(3) == soci::i_null ? "an unknown time"
                                                            : text(3, "") + " UTC");
  }
  return "";
}

bool try_lock(soci::session& session, const std::string& schema_name) {
  int locked = 0;
  session << fmt::format("SELECT pg_try_advisory_lock({})::int", kKeys), soci::use(schema_name),
      soci::into(locked);
  return locked == 1;
}

}  // namespace

std::unique_ptr<RunLock> lock_schema(soci::session& session, const std::string& schema_name,
                                     std::chrono::milliseconds wait, const std::string& holder) {
  const Clock::time_point deadline = Clock::now() + wait;
  std::unique_ptr<RunLock> held;
  try {
    const std::string previous = text_of(session, "SELECT current_setting('application_name')");
    const std::string name = application_name_of(holder);
    session << "SELECT set_config('application_name', :name, false)", soci::use(name);
    while (true) {
      if (try_lock(session, schema_name)) {
        held = std::make_unique<AdvisoryLock>(session, schema_name, previous);
        break;
      }
      const Clock::time_point now = Clock::now();
      if (now >= deadline) {
        session << "SELECT set_config('application_name', :name, false)", soci::use(previous);
        throw DatabaseError(fmt::format(
            "another keyway runner holds the migration lock on {}{}; waited {}", schema_name,
            describe_holder(session, schema_name), common::duration_text(wait)));
      }
      std::this_thread::sleep_for(std::min<Clock::duration>(kPollInterval, deadline - now));
    }
  } catch (const soci::soci_error& e) {
    throw DatabaseError(
        fmt::format("cannot take the migration lock on {}: {}", schema_name, pg_message(e)));
  }
  try {
    create_history_table(session, schema_name);
  } catch (const soci::soci_error& e) {
    throw DatabaseError(fmt::format("cannot create {} in {}: {}", kHistoryTable, schema_name,
                                    pg_message(e)));
  }
  return held;
}

}  // namespace keyway::backends::postgres
