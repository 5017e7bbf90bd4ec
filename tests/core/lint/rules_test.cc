#include "core/lint/rules.h"

#include <gtest/gtest.h>

namespace keyway::lint {
namespace {

using schema::Column;
using schema::TypeKind;

Attributed at(diff::Change change, bool existed = true) {
  return Attributed{change, change, 1, existed};
}

// "code: message" for each finding.
std::vector<std::string> found(const Attributed& change, const RuleContext& context = {}) {
  std::vector<std::string> out;
  for (const auto& f : check(change, context)) out.push_back(f.code + ": " + f.message);
  return out;
}

RuleContext pg(const std::string& statement, std::optional<std::int64_t> rows = std::nullopt) {
  return RuleContext{true, statement, rows};
}

schema::ForeignKey author_fk() { return {"post_author_id_fkey", {"author_id"}, "author", {"id"}}; }

TEST(LintRules, DropsLoseData) {
  schema::Table tag;
  tag.name = "tag";
  EXPECT_EQ(found(at(diff::DropTable{tag})),
            (std::vector<std::string>{"drop-table: drops table tag with its rows"}));
  EXPECT_EQ(found(at(diff::DropColumn{"post", Column("body", TypeKind::kText)}), {false, "", 12}),
            (std::vector<std::string>{"drop-column: drops column post.body and its 12 values"}));
}

TEST(LintRules, NotNullColumnWithoutDefaultOnlyMattersForATableThatExists) {
  const diff::AddColumn add{"post", Column("rating", TypeKind::kInteger)};
  EXPECT_EQ(found(at(add)),
            (std::vector<std::string>{"not-null-without-default: adds NOT NULL column "
                                      "post.rating without a default: fails if post has rows"}));
  EXPECT_TRUE(found(at(add, false)).empty());
  diff::AddColumn nullable = add;
  nullable.column.nullable = true;
  EXPECT_TRUE(found(at(nullable)).empty());
}

TEST(LintRules, ForeignKeyOnPostgresWantsNotValid) {
  const diff::AddForeignKey fk{"post", author_fk()};
  EXPECT_EQ(found(at(fk), pg("ALTER TABLE post ADD CONSTRAINT x FOREIGN KEY (author_id) REFERENCES author (id)")),
            (std::vector<std::string>{
                "foreign-key-over-rows: adds foreign key post.author_id → author.id over existing "
                "rows: fails if a row has no parent",
                "pg-foreign-key-without-not-valid: adds foreign key post.author_id → author.id "
                "without NOT VALID: locks post and author while every row is checked; add it NOT "
                "VALID, then VALIDATE CONSTRAINT in another statement"}));
  EXPECT_EQ(found(at(fk), pg("ALTER TABLE post ADD CONSTRAINT x FOREIGN KEY (author_id) "
                             "REFERENCES author (id) not\n  valid")).size(),
            1u);
  EXPECT_EQ(found(at(fk), pg("...", 0)).size(), 1u) << "an empty table is not locked for long";
  EXPECT_EQ(found(at(fk), RuleContext{false, "...", std::nullopt}).size(), 1u) << "SQLite";
}

TEST(LintRules, IndexOnPostgresWantsConcurrently) {
  const diff::AddIndex index{"post", {"post_title_idx", {"title"}}};
  EXPECT_EQ(found(at(index), pg("CREATE INDEX post_title_idx ON post (title)")),
            (std::vector<std::string>{
                "pg-index-without-concurrently: builds index post_title_idx on post.title without "
                "CONCURRENTLY: blocks writes to post while it builds; use CREATE INDEX "
                "CONCURRENTLY in a -- keyway:no-transaction migration"}));
  EXPECT_TRUE(found(at(index), pg("CREATE INDEX CONCURRENTLY post_title_idx ON post (title)")).empty());
  EXPECT_TRUE(found(at(index, false), pg("CREATE INDEX post_title_idx ON post (title)")).empty());
  const diff::AddUnique unique{"post", {"post_slug_key", {"slug"}, false}};
  EXPECT_EQ(found(at(unique), pg("ALTER TABLE post ADD CONSTRAINT post_slug_key UNIQUE (slug)")).size(), 2u);
}

TEST(LintRules, TypeChangesThatRewriteTheTable) {
  EXPECT_FALSE(pg_type_change_rewrites({TypeKind::kChar, 50}, {TypeKind::kChar, 100}));
  EXPECT_FALSE(pg_type_change_rewrites({TypeKind::kChar, 50}, {TypeKind::kChar, 50}));
  EXPECT_FALSE(pg_type_change_rewrites({TypeKind::kChar, 50}, {TypeKind::kText}));
  EXPECT_FALSE(pg_type_change_rewrites({TypeKind::kDecimal, 0, 10, 2}, {TypeKind::kDecimal, 0, 12, 2}));
  EXPECT_TRUE(pg_type_change_rewrites({TypeKind::kChar, 100}, {TypeKind::kChar, 50}));
  EXPECT_TRUE(pg_type_change_rewrites({TypeKind::kInteger}, {TypeKind::kBigInteger}));
  EXPECT_TRUE(pg_type_change_rewrites({TypeKind::kText}, {TypeKind::kChar, 10}));

  const diff::AlterColumn widen{"post", Column("n", TypeKind::kInteger), Column("n", TypeKind::kBigInteger),
                                diff::kChangeType};
  EXPECT_EQ(found(at(widen), pg("ALTER TABLE post ALTER COLUMN n TYPE bigint")),
            (std::vector<std::string>{"pg-type-rewrites-table: changes post.n from integer to "
                                      "big_integer: rewrites post under an ACCESS EXCLUSIVE lock"}));
}

TEST(LintRules, RenamesBreakRunningCode) {
  EXPECT_EQ(found(at(diff::RenameTable{"post", "article"})),
            (std::vector<std::string>{
                "rename-table: renames table post to article: code that still uses post fails"}));
  EXPECT_EQ(found(at(diff::RenameColumn{"post", "title", "headline"})),
            (std::vector<std::string>{"rename-column: renames column post.title to headline: code "
                                      "that still uses title fails"}));
}

TEST(LintRules, ADataCheckTurnsMaybeIntoACount) {
  auto findings = check(at(diff::AddUnique{"tag", {"tag_name_key", {"name"}, false}}), {});
  ASSERT_EQ(findings.size(), 1u);
  Finding f = findings[0];
  EXPECT_TRUE(f.data_dependent);
  set_offending_rows(f, 4, "duplicate values in tag(name)");
  EXPECT_EQ(f.message, "adds unique tag.name over existing rows: fails on 4 rows (duplicate values in tag(name))");
  EXPECT_EQ(f.offending_rows, 4);
  f = findings[0];
  set_offending_rows(f, 0, "duplicate values in tag(name)");
  EXPECT_EQ(f.message, "adds unique tag.name over existing rows: checked: 0 offending rows (duplicate values in tag(name))");
}

}  // namespace
}  // namespace keyway::lint
