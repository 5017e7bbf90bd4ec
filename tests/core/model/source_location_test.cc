// File names kept once per process (FileName), the positions that hold them,
// and the sizes of the model's parts, which the loader and lower() pay for
// once per field at 10,000 models.
#include "core/errors.h"

#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/model/model.h"
#include "core/model/schema_test_util.h"

namespace keyway {
namespace {

// Longer than the 15 bytes a std::string keeps inline.
const std::string kLongPath = "/home/someone/projects/shop/schema/models.yaml";

TEST(FileName, EqualNamesShareOneCopy) {
  const FileName a(kLongPath);
  const FileName b{std::string(kLongPath)};  // built apart, from another string
  EXPECT_EQ(a, b);
  EXPECT_EQ(&a.str(), &b.str());
  EXPECT_EQ(kLongPath, a.str());
}

TEST(FileName, DifferentNamesDiffer) {
  const FileName a("a.yaml");
  const FileName b("b.yaml");
  EXPECT_NE(a, b);
  EXPECT_EQ("a.yaml", a.str());
  EXPECT_EQ("b.yaml", b.str());
}

TEST(FileName, DefaultIsTheEmptyName) {
  const FileName none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ("", none.str());
  EXPECT_EQ(none, FileName(""));
  EXPECT_EQ(none, FileName(std::string()));
}

TEST(FileName, OrdersByTheNameNotByWhereItIsKept) {
  // Pooled in the opposite order of the names.
  const FileName z("zz_order_test.yaml");
  const FileName a("aa_order_test.yaml");
  EXPECT_LT(a, z);
  EXPECT_GT(z, a);
  EXPECT_LE(a, FileName("aa_order_test.yaml"));
}

TEST(FileName, ThreadsPoolingOneNameGetTheSameCopy) {
  const std::string name = kLongPath + ".threads";
  std::vector<const std::string*> seen(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&, i] { seen[i] = &FileName(name).str(); });
  }
  for (auto& thread : threads) thread.join();
  for (const std::string* copy : seen) EXPECT_EQ(&FileName(name).str(), copy);
}

TEST(SourceLocation, IsOnePointerAndTwoInts) {
  EXPECT_EQ(sizeof(void*) + 2 * sizeof(int), sizeof(SourceLocation));
}

TEST(SourceLocation, WritesFileLineAndColumn) {
  const SourceLocation where{kLongPath, 12, 7};
  EXPECT_EQ(kLongPath + ":12:7", where.to_string());
  EXPECT_EQ(kLongPath + ":12:7: bad", (Diagnostic{where, "bad"}.to_string()));
  EXPECT_EQ(":0:0", SourceLocation{}.to_string());
}

TEST(SourceLocation, DiagnosticsOfALongPathNameItWhole) {
  EXPECT_EQ(kLongPath + ":2:3: model name '1User' is not an identifier (letters, digits and "
                        "underscores, not starting with a digit)\n" +
                kLongPath + ":5:7: field name 'e-mail' in model 'Post' is not an identifier "
                            "(letters, digits and underscores, not starting with a digit)",
            [] {
              try {
                model::load_schema_text("models:\n  1User: {}\n  Post:\n    fields:\n"
                                        "      e-mail: text\n",
                                        kLongPath);
                return std::string();
              } catch (const SchemaError& e) {
                return std::string(e.what());
              }
            }());
}

TEST(SourceLocation, EveryPartOfAModelNamesItsFile) {
  const model::Schema schema = model::load_schema_text(
      "models:\n  Post:\n    fields:\n      title: {type: char, max_length: 10}\n"
      "    indexes:\n      - {fields: [title]}\n    unique_together: [title]\n",
      kLongPath);
  const model::Model& post = schema.models.at(0);
  EXPECT_EQ(kLongPath + ":2:3", post.where.to_string());
  EXPECT_EQ(kLongPath + ":4:7", post.fields.at(0).where.to_string());
  EXPECT_EQ(kLongPath + ":6:9", post.indexes.at(0).where.to_string());
  EXPECT_EQ(kLongPath + ":7:22", post.unique_together.at(0).where.to_string());
  // One copy of the name for all of them.
  EXPECT_EQ(&post.where.file.str(), &post.fields.at(0).where.file.str());
  EXPECT_EQ(&post.where.file.str(), &post.indexes.at(0).where.file.str());
}

// The budget the model's layout was cut to (it was 480 bytes a field, 264 a
// model): a larger one is a member added without looking at the layout.
TEST(ModelSizes, FieldsAndModelsStayWithinTheirBudget) {
  EXPECT_LE(sizeof(model::Field), 200u);
  EXPECT_LE(sizeof(model::Model), 144u);
  EXPECT_LE(sizeof(model::IndexSpec), 56u);
}

}  // namespace
}  // namespace keyway
