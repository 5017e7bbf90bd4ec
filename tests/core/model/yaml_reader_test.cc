#include "core/model/yaml_reader.h"

#include <gtest/gtest.h>

namespace keyway::model {
namespace {

TEST(YamlReader, RecognisesIdentifiers) {
  EXPECT_TRUE(is_identifier("User"));
  EXPECT_TRUE(is_identifier("_private2"));
  EXPECT_FALSE(is_identifier(""));
  EXPECT_FALSE(is_identifier("2fa"));
  EXPECT_FALSE(is_identifier("first name"));
  EXPECT_FALSE(is_identifier("first-name"));
}

TEST(YamlReader, RecognisesIntegers) {
  EXPECT_TRUE(is_integer_spelling("42"));
  EXPECT_TRUE(is_integer_spelling("-7"));
  EXPECT_TRUE(is_integer_spelling("+0"));
  EXPECT_FALSE(is_integer_spelling("-"));
  EXPECT_FALSE(is_integer_spelling("1.0"));
  EXPECT_FALSE(is_integer_spelling("1e3"));
}

// The one document of `yaml`.
YamlNode parse(const std::string& yaml) {
  ParsedYaml parsed = parse_yaml(yaml);
  EXPECT_FALSE(parsed.error) << parsed.error->message;
  EXPECT_EQ(1u, parsed.documents.size());
  return std::move(parsed.documents.at(0));
}

TEST(YamlReader, DescribesNodesAsAMessageShowsThem) {
  EXPECT_EQ("'abc'", describe(parse("abc")));
  EXPECT_EQ("the string 'abc'", describe(parse("'abc'")));
  EXPECT_EQ("the string 'abc'", describe(parse("!!str abc")));
  EXPECT_EQ("null", describe(parse("~")));
  EXPECT_EQ("a list", describe(parse("[1]")));
  EXPECT_EQ("an empty list", describe(parse("[]")));
  EXPECT_EQ("a mapping", describe(parse("{a: 1}")));
}

TEST(YamlReader, WritesPhrasesAsMessagesNameThem) {
  EXPECT_EQ("models", Phrase("models").text());
  EXPECT_EQ("", Phrase("").text());
  EXPECT_EQ("model 'User'", Phrase("model", "User").text());
  EXPECT_EQ("field 'email' of model 'User'", Phrase("field", "email", "User").text());
  EXPECT_EQ("in the fields of model 'User'", Phrase("in the fields", "", "User").text());
}

TEST(YamlReader, TypesValuesByHowTheyAreWritten) {
  std::vector<Diagnostic> diagnostics;
  YamlReader reader("f.yaml", diagnostics);
  const auto kind_of = [&](const std::string& yaml) {
    return reader.value(parse(yaml), "s", "default")->kind;
  };
  EXPECT_EQ(Value::Kind::kNumber, kind_of("1e3"));
  EXPECT_EQ(Value::Kind::kNumber, kind_of(".5"));
  EXPECT_EQ(Value::Kind::kNumber, kind_of("-2."));
  EXPECT_EQ(Value::Kind::kString, kind_of("1.2.3"));
  EXPECT_EQ(Value::Kind::kString, kind_of("'1'"));
  EXPECT_EQ(Value::Kind::kString, kind_of("e3"));
  EXPECT_EQ(Value::Kind::kBool, kind_of("FALSE"));
  EXPECT_EQ(Value::Kind::kString, kind_of("yes"));
  EXPECT_EQ(Value::Kind::kNull, kind_of("null"));
  EXPECT_EQ(Value::Kind::kString, kind_of("'null'"));
  EXPECT_EQ(Value::Kind::kString, kind_of("|\n  true\n"));
  EXPECT_TRUE(diagnostics.empty());
}

TEST(YamlReader, ReportsPositionsOneBased) {
  std::vector<Diagnostic> diagnostics;
  YamlReader reader("f.yaml", diagnostics);
  const YamlNode node = parse("a:\n  b: [x]\n");
  reader.expected(node.value(0).value(0), "model 'M'", "a string", "b");
  ASSERT_EQ(1u, diagnostics.size());
  EXPECT_EQ("f.yaml:2:6: model 'M': expected a string for b, got a list",
            diagnostics[0].to_string());
}

}  // namespace
}  // namespace keyway::model
