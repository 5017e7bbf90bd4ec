#include <algorithm>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "backends/sqlite/sqlite_driver.h"
#include "core/errors.h"
#include "core/schema/schema.h"
#include "inspect_fixture.h"

namespace keyway::backends::sqlite {
namespace {

using schema::Action;
using schema::ColumnType;
using schema::Literal;
using schema::TypeKind;

using SqliteInspect = keyway::testing::SqliteInspectFixture;

ColumnType other(const std::string& raw) {
  ColumnType type{TypeKind::kOther};
  type.raw = raw;
  return type;
}

TEST_F(SqliteInspect, ReadsDeclaredTypesIntoKeywayTypes) {
  create(R"(CREATE TABLE t (a varchar(100), b decimal(10, 2), c char(32), d INTEGER,
            e smallint, f bigint, g bool, h text, i date, j datetime, k time, l real,
            m blob, n geometry, o))");
  const schema::Table t = table("t");
  ASSERT_EQ(t.columns.size(), 15u);
  const std::vector<ColumnType> expected = {
      {TypeKind::kChar, 100}, {TypeKind::kDecimal, 0, 10, 2}, {TypeKind::kUuid},
      {TypeKind::kInteger},   {TypeKind::kSmallInteger},      {TypeKind::kBigInteger},
      {TypeKind::kBoolean},   {TypeKind::kText},              {TypeKind::kDate},
      {TypeKind::kDateTime},  {TypeKind::kTime},              {TypeKind::kFloat},
      {TypeKind::kBinary},    other("geometry"),              other("")};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(t.columns[i].type, expected[i]) << "column " << t.columns[i].name;
  }
}

TEST_F(SqliteInspect, ReadsDefaultsOfEveryKind) {
  create(R"(CREATE TABLE t (s text DEFAULT 'it''s', n integer DEFAULT 42,
            f real DEFAULT -1.5, b bool DEFAULT TRUE, z text DEFAULT NULL,
            e datetime DEFAULT CURRENT_TIMESTAMP, x text DEFAULT (datetime('now')),
            none text))");
  const schema::Table t = table("t");
  const std::vector<std::optional<Literal>> expected = {
      Literal{Literal::Kind::kString, "it's"},
      Literal{Literal::Kind::kNumber, "42"},
      Literal{Literal::Kind::kNumber, "-1.5"},
      Literal{Literal::Kind::kBool, "true"},
      Literal{Literal::Kind::kNull, ""},
      Literal{Literal::Kind::kExpression, "CURRENT_TIMESTAMP"},
      Literal{Literal::Kind::kExpression, "datetime('now')"},
      std::nullopt};
  ASSERT_EQ(t.columns.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(t.columns[i].default_value.to_optional(), expected[i])
        << "column " << t.columns[i].name;
  }
}

TEST_F(SqliteInspect, ColumnIsNullableOnlyWithoutNotNullAndOutsideThePrimaryKey) {
  create("CREATE TABLE t (code text PRIMARY KEY, name text NOT NULL, note text)");
  const schema::Table t = table("t");
  EXPECT_FALSE(t.find_column("code")->nullable);
  EXPECT_FALSE(t.find_column("name")->nullable);
  EXPECT_TRUE(t.find_column("note")->nullable);
  EXPECT_EQ(t.primary_key, std::vector<std::string>{"code"});
  EXPECT_FALSE(t.find_column("code")->auto_increment);
}

TEST_F(SqliteInspect, AutoincrementPrimaryKeyIsBigAuto) {
  create("CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT, name text)");
  const schema::Table t = table("t");
  EXPECT_EQ(t.primary_key, std::vector<std::string>{"id"});
  EXPECT_EQ(t.find_column("id")->type, ColumnType{TypeKind::kBigAuto});
  EXPECT_TRUE(t.find_column("id")->auto_increment);
  EXPECT_FALSE(t.find_column("id")->nullable);
}

TEST_F(SqliteInspect, IntegerPrimaryKeyWithoutAutoincrementIsAnAutoIncrementingInteger) {
  create("CREATE TABLE t (id INTEGER PRIMARY KEY, name text)");
  const schema::Table t = table("t");
  const schema::Column* id = t.find_column("id");
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->type, ColumnType{TypeKind::kInteger});
  EXPECT_TRUE(id->auto_increment);
}

TEST_F(SqliteInspect, IntegerPrimaryKeyOfWithoutRowidTableIsNotAutoIncrement) {
  create("CREATE TABLE t (id INTEGER PRIMARY KEY, name text) WITHOUT ROWID");
  EXPECT_FALSE(table("t").find_column("id")->auto_increment);
}

TEST_F(SqliteInspect, CompositePrimaryKeyKeepsTheKeyOrder) {
  create("CREATE TABLE t (a integer, b integer, c text, PRIMARY KEY (b, a))");
  const schema::Table t = table("t");
  EXPECT_EQ(t.primary_key, (std::vector<std::string>{"b", "a"}));
  EXPECT_FALSE(t.find_column("a")->auto_increment);
  EXPECT_FALSE(t.find_column("b")->nullable);
  EXPECT_TRUE(t.uniques.empty());
  EXPECT_TRUE(t.indexes.empty());
}

TEST_F(SqliteInspect, UniqueConstraintsAndUniqueIndexesAreBothUniqueKeys) {
  create(R"(CREATE TABLE t (a text UNIQUE, b text, c text, d text, e text,
              UNIQUE (b, c), CONSTRAINT t_named UNIQUE (d));
            CREATE UNIQUE INDEX t_e_unique ON t (e);)");
  const schema::Table t = table("t");
  ASSERT_EQ(t.uniques.size(), 4u);  // sorted by name
  EXPECT_EQ(t.uniques[0].name, "t_a_key");
  EXPECT_EQ(t.uniques[0].columns, std::vector<std::string>{"a"});
  EXPECT_EQ(t.uniques[1].name, "t_b_c_key");
  EXPECT_EQ(t.uniques[1].columns, (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(t.uniques[2].name, "t_e_unique");
  EXPECT_EQ(t.uniques[2].columns, std::vector<std::string>{"e"});
  EXPECT_EQ(t.uniques[3].name, "t_named");
  EXPECT_EQ(t.uniques[3].columns, std::vector<std::string>{"d"});
  EXPECT_TRUE(t.indexes.empty());
}

TEST_F(SqliteInspect, PlainIndexIsAnIndexWithItsColumnsInOrder) {
  create("CREATE TABLE t (a text, b text); CREATE INDEX t_b_a_idx ON t (b, a DESC);");
  const schema::Table t = table("t");
  ASSERT_EQ(t.indexes.size(), 1u);
  EXPECT_EQ(t.indexes[0].name, "t_b_a_idx");
  EXPECT_EQ(t.indexes[0].columns, (std::vector<std::string>{"b", "a"}));
  EXPECT_TRUE(t.uniques.empty());
}

TEST_F(SqliteInspect, PartialAndExpressionIndexesAreUnmanagedAndKeptForRebuilds) {
  create(R"(CREATE TABLE t (a text, b integer);
            CREATE INDEX t_live_idx ON t (a) WHERE b > 0;
            CREATE UNIQUE INDEX t_lower_idx ON t (lower(a));)");
  const schema::Table t = table("t");
  EXPECT_TRUE(t.indexes.empty());
  EXPECT_TRUE(t.uniques.empty());
  EXPECT_EQ(t.unmanaged,
            (std::vector<std::string>{"expression index t_lower_idx", "partial index t_live_idx"}));
  EXPECT_EQ(t.recreate_sql.size(), 2u);
  EXPECT_NE(std::find(t.recreate_sql.begin(), t.recreate_sql.end(),
                      "CREATE INDEX t_live_idx ON t (a) WHERE b > 0"),
            t.recreate_sql.end());
}

TEST_F(SqliteInspect, ForeignKeysReadEveryActionOnDeleteAndOnUpdate) {
  create(R"(CREATE TABLE p (id integer PRIMARY KEY AUTOINCREMENT);
            CREATE TABLE c (
              a integer REFERENCES p (id) ON DELETE CASCADE ON UPDATE CASCADE,
              b integer REFERENCES p (id) ON DELETE RESTRICT,
              d integer REFERENCES p (id) ON DELETE SET NULL ON UPDATE SET DEFAULT,
              e integer DEFAULT 1 REFERENCES p (id) ON DELETE SET DEFAULT,
              f integer REFERENCES p (id) ON DELETE NO ACTION ON UPDATE RESTRICT);)");
  const schema::Table c = table("c");
  ASSERT_EQ(c.foreign_keys.size(), 5u);  // in the order written
  const std::vector<std::pair<Action, Action>> expected = {
      {Action::kCascade, Action::kCascade},    {Action::kRestrict, Action::kNoAction},
      {Action::kSetNull, Action::kSetDefault}, {Action::kSetDefault, Action::kNoAction},
      {Action::kNoAction, Action::kRestrict}};
  const std::vector<std::string> columns = {"a", "b", "d", "e", "f"};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const schema::ForeignKey& fk = c.foreign_keys[i];
    EXPECT_EQ(fk.columns, std::vector<std::string>{columns[i]});
    EXPECT_EQ(fk.ref_table, "p");
    EXPECT_EQ(fk.ref_columns, std::vector<std::string>{"id"});
    EXPECT_EQ(fk.on_delete, expected[i].first) << "column " << columns[i];
    EXPECT_EQ(fk.on_update, expected[i].second) << "column " << columns[i];
    EXPECT_FALSE(fk.deferrable);
  }
}

TEST_F(SqliteInspect, ForeignKeyWithoutParentColumnsReferencesTheParentPrimaryKey) {
  create(R"(CREATE TABLE Parent (x text, y text, PRIMARY KEY (y, x));
            CREATE TABLE child (px text, py text, FOREIGN KEY (py, px) REFERENCES parent);)");
  const schema::Table child = table("child");
  ASSERT_EQ(child.foreign_keys.size(), 1u);
  EXPECT_EQ(child.foreign_keys[0].ref_table, "Parent");  // as the table is named
  EXPECT_EQ(child.foreign_keys[0].ref_columns, (std::vector<std::string>{"y", "x"}));
  EXPECT_EQ(child.foreign_keys[0].columns, (std::vector<std::string>{"py", "px"}));
}

TEST_F(SqliteInspect, ForeignKeyKeepsItsNameOrGetsTheDeterministicOne) {
  create(R"(CREATE TABLE p (id integer PRIMARY KEY, code text UNIQUE);
            CREATE TABLE c (
              a integer CONSTRAINT c_a_named REFERENCES p (id),
              b integer REFERENCES p,
              d text,
              CONSTRAINT "c d" FOREIGN KEY (d) REFERENCES p (code));)");
  const schema::Table c = table("c");
  ASSERT_EQ(c.foreign_keys.size(), 3u);
  EXPECT_EQ(c.foreign_keys[0].name, "c_a_named");
  EXPECT_EQ(c.foreign_keys[1].name, "c_b_fkey");
  EXPECT_EQ(c.foreign_keys[1].ref_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(c.foreign_keys[2].name, "c d");
  EXPECT_EQ(c.foreign_keys[2].ref_columns, std::vector<std::string>{"code"});
}

TEST_F(SqliteInspect, DeferrableInitiallyDeferredIsTheOnlyDeferrableForeignKey) {
  create(R"(CREATE TABLE p (id integer PRIMARY KEY);
            CREATE TABLE c (
              a integer REFERENCES p (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
              b integer REFERENCES p (id) DEFERRABLE INITIALLY IMMEDIATE,
              d integer REFERENCES p (id) NOT DEFERRABLE INITIALLY DEFERRED,
              e integer,
              FOREIGN KEY (e) REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED);)");
  const schema::Table c = table("c");
  ASSERT_EQ(c.foreign_keys.size(), 4u);
  EXPECT_TRUE(c.foreign_keys[0].deferrable);
  EXPECT_EQ(c.foreign_keys[0].on_delete, Action::kCascade);
  EXPECT_FALSE(c.foreign_keys[1].deferrable);
  EXPECT_FALSE(c.foreign_keys[2].deferrable);
  EXPECT_TRUE(c.foreign_keys[3].deferrable);
}

TEST_F(SqliteInspect, ChecksKeepTheirNameAndExpressionOrGetDeterministicNames) {
  create(R"(CREATE TABLE t (
              status text CHECK ("status" IN ('a', 'b)')),
              n integer CONSTRAINT t_n_positive CHECK (n > 0),
              m integer,
              CHECK ( m < 10 ),
              CHECK (m <> 5),
              CONSTRAINT [t range] CHECK (m BETWEEN (0) AND (100)));)");
  const schema::Table t = table("t");
  ASSERT_EQ(t.checks.size(), 5u);
  EXPECT_EQ(t.checks[0].name, "t_status_check");
  EXPECT_EQ(t.checks[0].expression, R"("status" IN ('a', 'b)'))");
  EXPECT_EQ(t.checks[1].name, "t_n_positive");
  EXPECT_EQ(t.checks[1].expression, "n > 0");
  EXPECT_EQ(t.checks[2].name, "t_check");
  EXPECT_EQ(t.checks[2].expression, "m < 10");
  EXPECT_EQ(t.checks[3].name, "t_check1");
  EXPECT_EQ(t.checks[3].expression, "m <> 5");
  EXPECT_EQ(t.checks[4].name, "t range");
  EXPECT_EQ(t.checks[4].expression, "m BETWEEN (0) AND (100)");
}

TEST_F(SqliteInspect, ViewsTriggersAndVirtualTablesAreUnmanaged) {
  create(R"(CREATE TABLE t (a text);
            CREATE TABLE log (a text);
            CREATE VIEW v AS SELECT a FROM t;
            CREATE TRIGGER t_audit AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.a); END;
            CREATE TRIGGER v_insert INSTEAD OF INSERT ON v BEGIN INSERT INTO t VALUES (new.a); END;
            CREATE VIRTUAL TABLE docs USING fts5(body);)");
  const schema::Database db = inspect(session_);
  EXPECT_EQ(db.unmanaged,
            (std::vector<std::string>{"trigger t_audit on table t", "trigger v_insert on view v",
                                      "view v", "virtual table docs"}));
  ASSERT_NE(db.find_table("t"), nullptr);
  EXPECT_EQ(db.find_table("t")->recreate_sql.size(), 1u);
  EXPECT_EQ(db.find_table("v"), nullptr);
  EXPECT_EQ(db.find_table("docs"), nullptr);
  EXPECT_EQ(db.find_table("docs_data"), nullptr);  // its shadow tables go with it
  EXPECT_EQ(table_names(), (std::vector<std::string>{"log", "t"}));
}

TEST_F(SqliteInspect, GeneratedColumnsAreUnmanaged) {
  create("CREATE TABLE t (a integer, b integer GENERATED ALWAYS AS (a * 2) STORED)");
  const schema::Table t = table("t");
  ASSERT_EQ(t.columns.size(), 1u);
  EXPECT_EQ(t.columns[0].name, "a");
  EXPECT_EQ(t.unmanaged, std::vector<std::string>{"generated column b"});
}

TEST_F(SqliteInspect, SkipsKeywayAndSqliteTables) {
  create(R"(CREATE TABLE keyway_migrations (version text PRIMARY KEY);
            CREATE TABLE _keyway_new_post (id integer);
            CREATE TABLE post (id integer PRIMARY KEY AUTOINCREMENT);
            INSERT INTO post DEFAULT VALUES;
            CREATE TRIGGER keyway_t AFTER INSERT ON keyway_migrations BEGIN SELECT 1; END;)");
  EXPECT_EQ(table_names(), std::vector<std::string>{"post"});  // sqlite_sequence exists too
  EXPECT_TRUE(inspect(session_).unmanaged.empty());
}

TEST_F(SqliteInspect, TablesAreSortedByName) {
  create(R"(CREATE TABLE zeta (a text); CREATE TABLE alpha (a text); CREATE TABLE "Mid" (a text);
            CREATE TABLE beta (a text);)");
  EXPECT_EQ(table_names(), (std::vector<std::string>{"Mid", "alpha", "beta", "zeta"}));
}

// Indexes and foreign keys are read without sorting the whole schema's rows:
// each table's are gathered, then put in order. Tables created out of name
// order, several of each per table, and columns in an order of their own.
TEST_F(SqliteInspect, EachTablesIndexesAndForeignKeysComeInOrderWhateverTheTableOrder) {
  create(R"(CREATE TABLE zeta (a text, b text, c text, d text, UNIQUE (c, a), UNIQUE (b));
            CREATE INDEX zeta_z ON zeta (d, b);
            CREATE INDEX zeta_a ON zeta (b COLLATE NOCASE, a);
            CREATE TABLE alpha (x text, y text, z text, w integer,
              FOREIGN KEY (y, x) REFERENCES zeta (c, a) ON DELETE CASCADE,
              FOREIGN KEY (z) REFERENCES zeta (b),
              CONSTRAINT alpha_self FOREIGN KEY (w) REFERENCES alpha,
              UNIQUE (z, y));
            CREATE INDEX alpha_m ON alpha (z, x);
            CREATE INDEX alpha_b ON alpha (lower(x));
            CREATE TABLE mid (k integer PRIMARY KEY, v text REFERENCES zeta (b));)");
  EXPECT_EQ(table_names(), (std::vector<std::string>{"alpha", "mid", "zeta"}));

  const schema::Table alpha = table("alpha");
  ASSERT_EQ(alpha.foreign_keys.size(), 3u);  // in the order written
  EXPECT_EQ(alpha.foreign_keys[0].name, "alpha_y_x_fkey");
  EXPECT_EQ(alpha.foreign_keys[0].columns, (std::vector<std::string>{"y", "x"}));
  EXPECT_EQ(alpha.foreign_keys[0].ref_table, "zeta");
  EXPECT_EQ(alpha.foreign_keys[0].ref_columns, (std::vector<std::string>{"c", "a"}));
  EXPECT_EQ(alpha.foreign_keys[0].on_delete, Action::kCascade);
  EXPECT_EQ(alpha.foreign_keys[1].name, "alpha_z_fkey");
  EXPECT_EQ(alpha.foreign_keys[1].ref_columns, std::vector<std::string>{"b"});
  EXPECT_EQ(alpha.foreign_keys[2].name, "alpha_self");
  EXPECT_EQ(alpha.foreign_keys[2].ref_table, "alpha");
  ASSERT_EQ(alpha.indexes.size(), 1u);
  EXPECT_EQ(alpha.indexes[0].name, "alpha_m");
  EXPECT_EQ(alpha.indexes[0].columns, (std::vector<std::string>{"z", "x"}));
  EXPECT_EQ(alpha.unmanaged, std::vector<std::string>{"expression index alpha_b"});
  ASSERT_EQ(alpha.uniques.size(), 1u);
  EXPECT_EQ(alpha.uniques[0].name, "alpha_z_y_key");
  EXPECT_EQ(alpha.uniques[0].columns, (std::vector<std::string>{"z", "y"}));

  const schema::Table zeta = table("zeta");
  ASSERT_EQ(zeta.uniques.size(), 2u);  // sorted by name
  EXPECT_EQ(zeta.uniques[0].name, "zeta_b_key");
  EXPECT_EQ(zeta.uniques[1].name, "zeta_c_a_key");
  EXPECT_EQ(zeta.uniques[1].columns, (std::vector<std::string>{"c", "a"}));
  ASSERT_EQ(zeta.indexes.size(), 2u);
  EXPECT_EQ(zeta.indexes[0].name, "zeta_a");
  EXPECT_EQ(zeta.indexes[0].columns, (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(zeta.indexes[1].name, "zeta_z");
  EXPECT_EQ(zeta.indexes[1].columns, (std::vector<std::string>{"d", "b"}));

  const schema::Table mid = table("mid");
  ASSERT_EQ(mid.foreign_keys.size(), 1u);
  EXPECT_EQ(mid.foreign_keys[0].columns, std::vector<std::string>{"v"});
}

TEST_F(SqliteInspect, EmptyDatabaseHasNoTables) {
  const schema::Database db = inspect(session_);
  EXPECT_TRUE(db.tables.empty());
  EXPECT_TRUE(db.unmanaged.empty());
}

TEST_F(SqliteInspect, LeavesNoTransactionOpenAndWorksInsideOne) {
  create("CREATE TABLE t (a text)");
  inspect(session_);
  EXPECT_NE(sqlite_api::sqlite3_get_autocommit(keyway::testing::sqlite_handle(session_)), 0);
  create("BEGIN IMMEDIATE; CREATE TABLE u (b text);");
  EXPECT_EQ(table_names(), (std::vector<std::string>{"t", "u"}));
  create("ROLLBACK");
  EXPECT_EQ(table_names(), std::vector<std::string>{"t"});
}

TEST(SqliteInspectFailure, FileThatIsNotADatabaseIsADatabaseError) {
  keyway::testing::SqliteTestFile file;
  std::ofstream(file.path()) << "this is not a database, just some text long enough to read\n";
  soci::session session(*soci::factory_sqlite3(), "db=\"" + file.path() + "\"");
  try {
    inspect(session);
    ADD_FAILURE() << "no exception thrown";
  } catch (const DatabaseError& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with("cannot inspect the SQLite database: "))
        << e.what();
  }
}

// Counts the top-level statements run on a connection. Statements that
// SQLite runs inside another (the pragma table-valued functions prepare
// their own) are traced with a leading "--" and left out.
int count_statements(soci::session& session, const std::function<void()>& run) {
  int count = 0;
  auto trace = [](unsigned, void* counter, void*, void* sql) -> int {
    if (!std::string(static_cast<const char*>(sql)).starts_with("--")) {
      ++*static_cast<int*>(counter);
    }
    return 0;
  };
  sqlite_api::sqlite3* db = keyway::testing::sqlite_handle(session);
  sqlite_api::sqlite3_trace_v2(db, SQLITE_TRACE_STMT, trace, &count);
  run();
  sqlite_api::sqlite3_trace_v2(db, 0, nullptr, nullptr);
  return count;
}

void create_tables(soci::session& session, int from, int to) {
  std::string sql = "BEGIN;";
  for (int i = from; i < to; ++i) {
    sql += fmt::format(
        "CREATE TABLE t{0} (id integer PRIMARY KEY AUTOINCREMENT, code text UNIQUE, "
        "prev_id integer REFERENCES t{1} (id), CHECK (code <> ''));"
        "CREATE INDEX t{0}_prev_idx ON t{0} (prev_id);",
        i, i == 0 ? 0 : i - 1);
  }
  keyway::testing::run_sql(session, sql + "COMMIT;");
}

TEST_F(SqliteInspect, RunsTheSameNumberOfStatementsForOneTableAsForTwoHundred) {
  create_tables(session_, 0, 1);
  std::size_t tables = 0;
  const int one = count_statements(session_, [&] { tables = inspect(session_).tables.size(); });
  EXPECT_EQ(tables, 1u);

  create_tables(session_, 1, 200);
  schema::Database db;
  const int many = count_statements(session_, [&] { db = inspect(session_); });
  ASSERT_EQ(db.tables.size(), 200u);
  EXPECT_EQ(one, many);
  EXPECT_LE(many, 6);
  const schema::Table* last = db.find_table("t199");
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->foreign_keys.size(), 1u);
  EXPECT_EQ(last->indexes.size(), 1u);
  EXPECT_EQ(last->uniques.size(), 1u);
  EXPECT_EQ(last->checks.size(), 1u);
}

}  // namespace
}  // namespace keyway::backends::sqlite
