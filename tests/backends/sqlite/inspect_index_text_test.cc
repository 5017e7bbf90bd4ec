// inspect() reads an index's columns from its CREATE INDEX text when that
// names only columns, and asks pragma_index_xinfo otherwise. Both ways must
// give what the pragma alone gave: the table's own spelling of each column,
// and expressions, COLLATE or unknown names handled as before.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "backends/sqlite/sqlite_driver.h"
#include "core/schema/schema.h"
#include "inspect_fixture.h"

namespace keyway::backends::sqlite {
namespace {

using Columns = std::vector<std::string>;

class SqliteInspectIndexText : public keyway::testing::SqliteInspectFixture {
 protected:
  static Columns index_columns(const schema::Table& t, const std::string& name) {
    for (const auto& i : t.indexes) {
      if (i.name == name) return i.columns;
    }
    for (const auto& u : t.uniques) {
      if (u.name == name) return u.columns;
    }
    ADD_FAILURE() << "no index " << name;
    return {};
  }
};

TEST_F(SqliteInspectIndexText, QuotedAndDifferentlyCasedNamesReadAsTheTableSpellsThem) {
  create(R"(CREATE TABLE "T one" ("Mixed Case" text, b text, c integer, "q""x" text);
            CREATE INDEX "i a" ON "T one" ("mixed case");
            CREATE INDEX i_b ON [T one] ([B] DESC, `C` ASC);
            CREATE UNIQUE INDEX IF NOT EXISTS main.i_c ON "T one" (c, "Q""X");
            CREATE INDEX i_d ON "T one"(b,c);)");
  const schema::Table t = table("T one");
  EXPECT_EQ(index_columns(t, "i a"), (Columns{"Mixed Case"}));
  EXPECT_EQ(index_columns(t, "i_b"), (Columns{"b", "c"}));
  EXPECT_EQ(index_columns(t, "i_c"), (Columns{"c", "q\"x"}));
  EXPECT_EQ(index_columns(t, "i_d"), (Columns{"b", "c"}));
}

TEST_F(SqliteInspectIndexText, CollateAndCommentsStillGiveTheColumns) {
  create(R"(CREATE TABLE t (a text, b text, c text);
            CREATE INDEX t_a ON t (a COLLATE NOCASE);
            CREATE INDEX t_b ON t (/* note */ b);
            CREATE INDEX t_c ON t (c) -- note
            ;)");
  const schema::Table t = table("t");
  EXPECT_EQ(index_columns(t, "t_a"), (Columns{"a"}));
  EXPECT_EQ(index_columns(t, "t_b"), (Columns{"b"}));
  EXPECT_EQ(index_columns(t, "t_c"), (Columns{"c"}));
}

TEST_F(SqliteInspectIndexText, NamesThatAreNotColumnsMakeExpressionIndexes) {
  create(R"(CREATE TABLE t (a text, g integer GENERATED ALWAYS AS (1));
            CREATE INDEX t_string ON t ("nosuch");
            CREATE INDEX t_expr ON t (lower(a));)");
  const schema::Table t = table("t");
  EXPECT_TRUE(t.indexes.empty());
  EXPECT_EQ(t.unmanaged, (Columns{"expression index t_expr", "expression index t_string",
                                  "generated column g"}));
}

TEST_F(SqliteInspectIndexText, UniqueConstraintsAndWithoutRowidTablesUseThePragma) {
  create(R"(CREATE TABLE w (k text PRIMARY KEY, v text, x text, UNIQUE (x, v)) WITHOUT ROWID;
            CREATE INDEX w_v ON w (v);)");
  const schema::Table t = table("w");
  EXPECT_EQ(index_columns(t, "w_v"), (Columns{"v"}));
  ASSERT_EQ(t.uniques.size(), 1u);
  EXPECT_EQ(t.uniques[0].columns, (Columns{"x", "v"}));
}

}  // namespace
}  // namespace keyway::backends::sqlite
