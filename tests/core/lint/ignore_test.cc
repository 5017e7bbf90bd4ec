#include "core/lint/ignore.h"

#include <gtest/gtest.h>

#include "core/errors.h"

namespace keyway::lint {
namespace {

using Codes = std::set<std::string>;

// The codes silenced for each statement of `sql`.
std::vector<Codes> ignored(const std::string& sql) {
  std::vector<Codes> out;
  for (const auto& s : migrate::split_statements(sql, "m.up.sql")) {
    out.push_back(ignored_codes(sql, s, "m.up.sql"));
  }
  return out;
}

TEST(LintIgnore, CommentLineDirectlyAboveSilencesItsCodes) {
  EXPECT_EQ(ignored("CREATE TABLE a (id int);\n"
                    "-- drop the old one\n"
                    "-- keyway:lint-ignore drop-table, drop-column  (it is empty)\n"
                    "DROP TABLE b;\n"),
            (std::vector<Codes>{{}, {"drop-table", "drop-column"}}));
}

TEST(LintIgnore, CommentInsideTheStatementCounts) {
  EXPECT_EQ(ignored("ALTER TABLE a\n  -- keyway:lint-ignore drop-column\n  DROP COLUMN b;\n"),
            (std::vector<Codes>{{"drop-column"}}));
}

TEST(LintIgnore, ABlankLineOrAnotherStatementBreaksTheLink) {
  EXPECT_EQ(ignored("-- keyway:lint-ignore drop-table\n\nDROP TABLE a;\n"),
            (std::vector<Codes>{{}}));
  EXPECT_EQ(ignored("-- keyway:lint-ignore drop-table\nDROP TABLE a;\nDROP TABLE b;\n"),
            (std::vector<Codes>{{"drop-table"}, {}}));
}

TEST(LintIgnore, UnknownCodeNamesFileAndLine) {
  try {
    ignored("CREATE TABLE a (id int);\n-- keyway:lint-ignore drop-tabel\nDROP TABLE a;\n");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "m.up.sql:2: unknown lint code 'drop-tabel' in keyway:lint-ignore");
  }
}

TEST(LintIgnore, DirectiveWithoutCodesIsBadInput) {
  EXPECT_THROW(ignored("-- keyway:lint-ignore\nDROP TABLE a;\n"), InputError);
}

}  // namespace
}  // namespace keyway::lint
