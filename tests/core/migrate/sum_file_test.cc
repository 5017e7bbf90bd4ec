#include "core/migrate/sum_file.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/migrate/checksum.h"
#include "support/case_file.h"

namespace keyway::migrate {
namespace {

namespace fs = std::filesystem;

using Problems = std::vector<std::string>;

class SumFileTest : public ::testing::Test {
 protected:
  void write(const std::string& name, const std::string& text) {
    std::ofstream(tmp_.path() / name, std::ios::binary) << text;
  }
  void remove(const std::string& name) { fs::remove(tmp_.path() / name); }
  MigrationDir read() const { return read_migrations(tmp_.path()); }
  void write_sum() { write(kSumFileName, sum_text(read())); }
  Problems verify() const { return verify_sum(read()); }

  keyway::testing::TempDir tmp_;
};

TEST_F(SumFileTest, TextChainsEachFileToTheOneBefore) {
  write("20261101000000_a.up.sql", "A");
  write("20261124183000_b.up.sql", "B");
  const std::string a = sha256_hex("\n20261101000000_a.up.sql\nA");
  const std::string b = sha256_hex(a + "\n20261124183000_b.up.sql\nB");
  EXPECT_EQ("keyway-sum v1 " + b + "\n20261101000000_a.up.sql " + a +
                "\n20261124183000_b.up.sql " + b + "\n",
            sum_text(read()));
}

TEST_F(SumFileTest, TextForNoFilesIsTheBareHeader) {
  EXPECT_EQ("keyway-sum v1\n", sum_text(read()));
}

TEST_F(SumFileTest, WrittenSumMatches) {
  write("20261101000000_a.up.sql", "CREATE TABLE a (id int);\n");
  write("20261101000000_a.down.sql", "DROP TABLE a;\n");
  write("20261124183000_b.up.sql", "CREATE TABLE b (id int);\n");
  write_sum();
  EXPECT_EQ(Problems{}, verify());
}

TEST_F(SumFileTest, NoMigrationsAndNoSumMatch) { EXPECT_EQ(Problems{}, verify()); }

TEST_F(SumFileTest, MissingSumIsReported) {
  write("20261101000000_a.up.sql", "A");
  EXPECT_EQ(Problems{"keyway.sum is missing"}, verify());
}

TEST_F(SumFileTest, EditedFileIsNamedAndOnlyIt) {
  write("20261101000000_a.up.sql", "A");
  write("20261102000000_b.up.sql", "B");
  write("20261103000000_c.up.sql", "C");
  write_sum();
  write("20261102000000_b.up.sql", "B edited");
  EXPECT_EQ(Problems{"20261102000000_b.up.sql was edited after keyway.sum was written"}, verify());
}

TEST_F(SumFileTest, FileNotInTheSumIsReported) {
  write("20261101000000_a.up.sql", "A");
  write_sum();
  write("20261102000000_b.up.sql", "B");
  write("20261102000000_b.down.sql", "-B");
  EXPECT_EQ((Problems{"20261102000000_b.down.sql is not in keyway.sum",
                      "20261102000000_b.up.sql is not in keyway.sum"}),
            verify());
}

TEST_F(SumFileTest, MissingFileIsReported) {
  write("20261101000000_a.up.sql", "A");
  write("20261102000000_b.up.sql", "B");
  write("20261102000000_b.down.sql", "-B");
  write_sum();
  remove("20261102000000_b.down.sql");
  EXPECT_EQ(Problems{"keyway.sum lists 20261102000000_b.down.sql, which is missing"}, verify());
}

TEST_F(SumFileTest, EveryFileRemovedLeavesTheSumListingThem) {
  write("20261101000000_a.up.sql", "A");
  write_sum();
  remove("20261101000000_a.up.sql");
  EXPECT_EQ(Problems{"keyway.sum lists 20261101000000_a.up.sql, which is missing"}, verify());
}

// Two branches each add a migration and hash; git conflicts on the total and
// on the appended line, and keeping both lines still fails verification.
TEST_F(SumFileTest, MigrationsAppendedOnTwoBranchesAreCaught) {
  write("20261101000000_a.up.sql", "A");
  write_sum();
  write("20261102000000_b.up.sql", "B");
  const std::string branch_b = sum_text(read());
  remove("20261102000000_b.up.sql");
  write("20261103000000_c.up.sql", "C");
  const std::string branch_c = sum_text(read());
  write("20261102000000_b.up.sql", "B");

  const auto line = [](const std::string& text, int n) {
    std::size_t begin = 0;
    for (int i = 0; i < n; ++i) begin = text.find('\n', begin) + 1;
    return text.substr(begin, text.find('\n', begin) + 1 - begin);
  };
  write(kSumFileName, line(branch_c, 0) + line(branch_b, 1) + line(branch_b, 2) +
                          line(branch_c, 2));
  EXPECT_EQ(Problems{"keyway.sum line 4: 20261103000000_c.up.sql was hashed without "
                     "20261102000000_b.up.sql before it (merged from another branch?)"},
            verify());
}

TEST_F(SumFileTest, TotalThatIsNotTheLastHashIsReported) {
  write("20261101000000_a.up.sql", "A");
  const std::string before = sum_text(read());
  write("20261102000000_b.up.sql", "B");
  const std::string after = sum_text(read());
  write(kSumFileName, before.substr(0, before.find('\n') + 1) + after.substr(after.find('\n') + 1));
  EXPECT_EQ(Problems{"keyway.sum line 1: the total is not the hash of the last line"}, verify());
}

TEST_F(SumFileTest, UnreadableLinesAreReportedWithTheirNumber) {
  write("20261101000000_a.up.sql", "A");
  write_sum();
  std::ifstream in(tmp_.path() / kSumFileName);
  std::string header, entry;
  std::getline(in, header);
  std::getline(in, entry);
  in.close();
  write(kSumFileName, "keyway-sum v2\n" + entry + "\n<<<<<<< HEAD\n");
  EXPECT_EQ((Problems{"keyway.sum line 1: cannot read \"keyway-sum v2\"; expected "
                      "\"keyway-sum v1 <total>\"",
                      "keyway.sum line 3: cannot read \"<<<<<<< HEAD\"; expected "
                      "\"<file name> <hash>\""}),
            verify());
}

TEST_F(SumFileTest, EmptySumIsUnreadable) {
  write("20261101000000_a.up.sql", "A");
  write(kSumFileName, "");
  EXPECT_EQ((Problems{"keyway.sum line 1: cannot read \"\"; expected \"keyway-sum v1 <total>\"",
                      "20261101000000_a.up.sql is not in keyway.sum"}),
            verify());
}

TEST_F(SumFileTest, WindowsLineEndingsInTheSumAreAccepted) {
  write("20261101000000_a.up.sql", "A");
  std::string text;
  for (char c : sum_text(read())) {
    if (c == '\n') text += '\r';
    text += c;
  }
  write(kSumFileName, text);
  EXPECT_EQ(Problems{}, verify());
}

}  // namespace
}  // namespace keyway::migrate
