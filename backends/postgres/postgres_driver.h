// The PostgreSQL backend (SOCI's postgresql backend, libpq): inspect in a
// fixed number of catalog queries (postgres_inspect.cc), SQL rendering with
// online-safe forms (postgres_render.cc), apply in one transaction, or in
// phases when online-safe statements must run outside one (postgres_apply.cc),
// versioned migrations (postgres_history.cc, postgres_lock.cc, postgres_run.cc).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "backends/driver.h"
#include "backends/progress.h"
#include "backends/postgres/postgres_dialect.h"

namespace keyway::backends::postgres {

struct Connection {
  std::string conninfo;        // libpq connection string / URL without ?schema=
  std::string schema = "public";
};

// Splits a postgresql:// URL into libpq conninfo and the ?schema=NAME option.
Connection parse_url(const std::string& url);

struct RenderOptions {
  // Online-safe forms for tables that already exist: FOREIGN KEY ... NOT VALID
  // then VALIDATE CONSTRAINT; CREATE UNIQUE INDEX CONCURRENTLY then
  // ADD CONSTRAINT ... UNIQUE USING INDEX. Off: plain single-transaction DDL.
  bool online = true;
  // Tables, and indexes in DROP INDEX, named "schema"."name". Off: "name"
  // alone, for migration files that run with search_path set to the schema.
  bool qualify_names = true;
};

struct ApplyOptions {
  std::chrono::milliseconds lock_timeout{5000};
  StatementProgress progress;  // told about each statement run
};

// The live schema of one PostgreSQL schema (namespace), in a fixed number of
// catalog queries whatever the number of tables. `query_count`, if given,
// receives the number of statements run.
schema::Database inspect(soci::session& session, const std::string& schema_name,
                         int* query_count = nullptr);

plan::Plan render(const std::vector<diff::Change>& changes, const schema::Database& from,
                  const schema::Database& to, const PostgresDialect& dialect,
                  const std::string& schema_name, const RenderOptions& options);

// "BEGIN; SET LOCAL lock_timeout ...; ...; COMMIT;" with statements that
// cannot run inside a transaction (CONCURRENTLY) placed after the COMMIT.
std::string script(const plan::Plan& plan);

// Data checks, then the plan in one transaction (statements that cannot run
// in one, CREATE INDEX CONCURRENTLY, run after it, each cleaned up on
// failure). A lock wait longer than `lock_timeout` fails clearly.
void apply(soci::session& session, const plan::Plan& plan, const ApplyOptions& options);

// keyway_migrations in `schema_name`: its rows in version order (none when
// it does not exist), and CREATE TABLE when it is missing
// (postgres_history.cc).
std::vector<AppliedMigration> history(soci::session& session, const std::string& schema_name);
void create_history_table(soci::session& session, const std::string& schema_name);

// The session-level advisory lock on `schema_name`, with application_name
// naming `holder` while it is held (postgres_lock.cc).
std::unique_ptr<RunLock> lock_schema(soci::session& session, const std::string& schema_name,
                                     std::chrono::milliseconds wait, const std::string& holder);

// One migration with its history row, with search_path set to `schema_name`
// and lock_timeout to `options.lock_timeout` (postgres_run.cc).
std::optional<std::int64_t> run_migration(soci::session& session, const std::string& schema_name,
                                          const MigrationRun& run, const ApplyOptions& options);

class PostgresDriver final : public Driver {
 public:
  explicit PostgresDriver(const std::string& url);

  const schema::Dialect& dialect() const override { return dialect_; }
  schema::Database inspect() override { return postgres::inspect(session_, connection_.schema); }
  plan::Plan render(const std::vector<diff::Change>& changes, const schema::Database& from,
                    const schema::Database& to) const override {
    return postgres::render(changes, from, to, dialect_, connection_.schema, render_options_);
  }
  std::string script(const plan::Plan& plan) const override { return postgres::script(plan); }
  void apply(const plan::Plan& plan) override { postgres::apply(session_, plan, with_progress()); }
  std::int64_t count_rows(const std::string& table, const std::string& column = "") override;

  // Plain single-transaction DDL with unqualified names: run() sets
  // search_path to the schema.
  void render_for_migration_files() override {
    render_options_.online = false;
    render_options_.qualify_names = false;
  }
  std::vector<AppliedMigration> history() override {
    return postgres::history(session_, connection_.schema);
  }
  std::unique_ptr<RunLock> lock(std::chrono::milliseconds wait,
                                const std::string& holder) override {
    return lock_schema(session_, connection_.schema, wait, holder);
  }
  std::optional<std::int64_t> run(const MigrationRun& run) override {
    return run_migration(session_, connection_.schema, run, with_progress());
  }

  void set_render_options(const RenderOptions& options) { render_options_ = options; }
  void set_apply_options(const ApplyOptions& options) { apply_options_ = options; }
  soci::session& session() { return session_; }
  const std::string& schema_name() const { return connection_.schema; }

 private:
  ApplyOptions with_progress() const {
    ApplyOptions options = apply_options_;
    options.progress = progress_;
    return options;
  }
  PostgresDialect dialect_;
  Connection connection_;
  RenderOptions render_options_;
  ApplyOptions apply_options_;
  soci::session session_;
};

}  // namespace keyway::backends::postgres
