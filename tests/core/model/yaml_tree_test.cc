// The YAML tree the loader reads: kinds, text as written, positions, aliases
// and the syntax errors libyaml reports.
#include "core/model/yaml_tree.h"

#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace keyway::model {
namespace {

std::string mark_text(YamlMark mark) {
  return std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

TEST(YamlTree, ReadsKindsTextAndPositions) {
  const ParsedYaml parsed = parse_yaml("a:\n  b: [x, 'y']\n  c:\n  ~: 1\n");
  ASSERT_FALSE(parsed.error);
  ASSERT_EQ(1u, parsed.documents.size());
  const YamlNode& root = parsed.documents[0];
  ASSERT_TRUE(root.is_mapping());
  ASSERT_EQ(1u, root.size());
  EXPECT_EQ("a", root.key(0).text());
  const YamlNode& a = root.value(0);
  ASSERT_EQ(3u, a.size());
  EXPECT_EQ("2:3", mark_text(a.key(0).mark()));
  const YamlNode& list = a.value(0);
  ASSERT_TRUE(list.is_sequence());
  ASSERT_EQ(2u, list.size());
  EXPECT_EQ("2:6", mark_text(list.mark()));
  EXPECT_TRUE(list.children()[0].plain());
  EXPECT_EQ("y", list.children()[1].text());
  EXPECT_FALSE(list.children()[1].plain());
  EXPECT_EQ("2:10", mark_text(list.children()[1].mark()));
  EXPECT_TRUE(a.value(1).is_null()) << "an empty value is null";
  EXPECT_TRUE(a.key(2).is_null());
  EXPECT_EQ("~", a.key(2).text()) << "a null keeps its spelling";
}

TEST(YamlTree, KeepsEachCollectionsChildrenInOrder) {
  const ParsedYaml parsed = parse_yaml("a: [1, [2, 3], {b: [4]}, []]\nc: {d: {e: 6}, f: 7}\n");
  ASSERT_FALSE(parsed.error);
  const YamlNode& root = parsed.documents.at(0);
  ASSERT_EQ(2u, root.size());
  const YamlNode& a = root.value(0);
  ASSERT_EQ(4u, a.size());
  EXPECT_EQ("1", a.children()[0].text());
  ASSERT_EQ(2u, a.children()[1].size());
  EXPECT_EQ("3", a.children()[1].children()[1].text());
  const YamlNode& b = a.children()[2];
  ASSERT_EQ(1u, b.size());
  EXPECT_EQ("b", b.key(0).text());
  EXPECT_EQ("4", b.value(0).children().at(0).text());
  EXPECT_TRUE(a.children()[3].is_sequence());
  EXPECT_EQ(0u, a.children()[3].size());
  const YamlNode& c = root.value(1);
  ASSERT_EQ(2u, c.size());
  EXPECT_EQ("6", c.value(0).value(0).text());
  EXPECT_EQ("f", c.key(1).text());
  EXPECT_EQ("7", c.value(1).text());
}

TEST(YamlTree, QuotedAndTaggedScalarsAreNeverNull) {
  const ParsedYaml parsed = parse_yaml("['null', !!str null, \"\", null, Null, NULL]");
  ASSERT_FALSE(parsed.error);
  const auto& items = parsed.documents.at(0).children();
  ASSERT_EQ(6u, items.size());
  EXPECT_TRUE(items[0].is_scalar());
  EXPECT_TRUE(items[1].is_scalar());
  EXPECT_TRUE(items[2].is_scalar());
  EXPECT_TRUE(items[3].is_null());
  EXPECT_TRUE(items[4].is_null());
  EXPECT_TRUE(items[5].is_null());
}

TEST(YamlTree, ExpandsAliasesAtTheAliasPosition) {
  const ParsedYaml parsed = parse_yaml("base: &b {type: char, max_length: 9}\ncopy: *b\n");
  ASSERT_FALSE(parsed.error);
  const YamlNode& copy = parsed.documents.at(0).value(1);
  ASSERT_TRUE(copy.is_mapping());
  ASSERT_EQ(2u, copy.size());
  EXPECT_EQ("9", copy.value(1).text());
  EXPECT_EQ("2:7", mark_text(copy.mark()));
}

TEST(YamlTree, RejectsAnUnknownAlias) {
  const ParsedYaml parsed = parse_yaml("a: 1\nb: *nowhere\n");
  ASSERT_TRUE(parsed.error);
  EXPECT_EQ("unknown alias '*nowhere'", parsed.error->message);
  EXPECT_EQ("2:4", mark_text(parsed.error->mark));
}

TEST(YamlTree, StopsAliasesThatExpandWithoutBound) {
  // Each level doubles the one before: 2^30 scalars if expanded.
  std::string yaml = "l0: &l0 [x, x]\n";
  for (int level = 1; level <= 30; ++level) {
    yaml += fmt::format("l{0}: &l{0} [*l{1}, *l{1}]\n", level, level - 1);
  }
  const ParsedYaml parsed = parse_yaml(yaml);
  ASSERT_TRUE(parsed.error);
  EXPECT_EQ("aliases expand to more than 1000000 nodes", parsed.error->message);
}

TEST(YamlTree, ReadsEveryDocument) {
  const ParsedYaml parsed = parse_yaml("a: 1\n---\nb: 2\n");
  ASSERT_FALSE(parsed.error);
  ASSERT_EQ(2u, parsed.documents.size());
  EXPECT_EQ("3:1", mark_text(parsed.documents[1].mark()));
  EXPECT_TRUE(parse_yaml("# only a comment\n").documents.empty());
}

TEST(YamlTree, HandsOverTheEntriesOfAStreamedMapping) {
  std::vector<std::string> seen;
  const StreamedMapping streamed{"models", [&](const YamlNode& key, const YamlNode& value) {
                                   seen.push_back(key.text() + "@" + mark_text(key.mark()) + "=" +
                                                  std::to_string(value.size()));
                                 }};
  const ParsedYaml parsed =
      parse_yaml("app: x\nmodels:\n  A: {f: 1}\n  A: {}\n  [l]: {f: 1, g: 2}\nmodels: {B: {}}\n"
                 "---\nmodels: {C: {}}\n",
                 &streamed);
  ASSERT_FALSE(parsed.error);
  EXPECT_TRUE(parsed.streamed);
  // Every entry of the first `models` of the first document, in order, repeated and
  // non-string keys included; nothing of the second `models` or document.
  EXPECT_EQ((std::vector<std::string>{"A@3:3=1", "A@4:3=0", "@5:3=2"}), seen);
  const YamlNode& root = parsed.documents.at(0);
  ASSERT_EQ(3u, root.size());
  EXPECT_TRUE(root.value(1).is_mapping());
  EXPECT_EQ(0u, root.value(1).size()) << "handed over, not kept";
  EXPECT_EQ("3:3", mark_text(root.value(1).mark()));
  EXPECT_EQ(1u, root.value(2).size()) << "a repeated key's value is kept";
  EXPECT_EQ(1u, parsed.documents.at(1).value(0).size());
}

TEST(YamlTree, KeepsAnAnchoredOrNonMappingValueWhole) {
  int calls = 0;
  const StreamedMapping streamed{"models", [&](const YamlNode&, const YamlNode&) { ++calls; }};
  const ParsedYaml anchored = parse_yaml("models: &m {A: {}}\ncopy: *m\n", &streamed);
  ASSERT_FALSE(anchored.error);
  EXPECT_FALSE(anchored.streamed);
  EXPECT_EQ(1u, anchored.documents.at(0).value(0).size());
  EXPECT_EQ(1u, anchored.documents.at(0).value(1).size());
  const ParsedYaml list = parse_yaml("models: [A]\n", &streamed);
  EXPECT_FALSE(list.streamed);
  const ParsedYaml nested = parse_yaml("x: {models: {A: {}}}\n", &streamed);
  EXPECT_FALSE(nested.streamed);
  EXPECT_EQ(0, calls);
}

TEST(YamlTree, ReportsSyntaxErrorsWithTheirContext) {
  const ParsedYaml parsed = parse_yaml("models:\n  User: {fields: {name: text}\n");
  ASSERT_TRUE(parsed.error);
  EXPECT_EQ("3:1", mark_text(parsed.error->mark));
  EXPECT_EQ("did not find expected ',' or '}' (while parsing a flow mapping started at line 2, "
            "column 9)",
            parsed.error->message);
}

TEST(YamlTree, ReportsBytesThatAreNotUtf8) {
  const ParsedYaml parsed = parse_yaml("a: 1\nb: \xff\n");
  ASSERT_TRUE(parsed.error);
  EXPECT_EQ("2:4", mark_text(parsed.error->mark));
  EXPECT_EQ("invalid leading UTF-8 octet (byte 8)", parsed.error->message);
}

}  // namespace
}  // namespace keyway::model
