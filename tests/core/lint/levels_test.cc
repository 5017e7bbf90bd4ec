#include "core/lint/levels.h"

#include <gtest/gtest.h>

#include "core/errors.h"

namespace keyway::lint {
namespace {

TEST(LintLevels, DropsAreErrorsAndEverythingElseWarnings) {
  const Levels levels;
  EXPECT_EQ(levels.of("drop-table"), Level::kError);
  EXPECT_EQ(levels.of("drop-column"), Level::kError);
  EXPECT_EQ(levels.of("unique-over-rows"), Level::kWarning);
  EXPECT_EQ(levels.of("pg-index-without-concurrently"), Level::kWarning);
  EXPECT_EQ(levels.of("rename-column"), Level::kWarning);
}

TEST(LintLevels, KeywayYamlOverridesTheDefaults) {
  const Levels levels({{"drop-table", "warning"}, {"rename-table", "error"}, {"drop-column", "off"}});
  EXPECT_EQ(levels.of("drop-table"), Level::kWarning);
  EXPECT_EQ(levels.of("rename-table"), Level::kError);
  EXPECT_EQ(levels.of("drop-column"), Level::kOff);
  EXPECT_EQ(levels.of("rename-column"), Level::kWarning);
}

TEST(LintLevels, UnknownCodeIsBadInputNamingTheKnownOnes) {
  try {
    Levels(std::map<std::string, std::string>{{"drop-tables", "off"}});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("lint: unknown code 'drop-tables' (known: drop-table, "),
              std::string::npos)
        << e.what();
  }
}

TEST(LintLevels, UnknownLevelIsBadInput) {
  try {
    Levels(std::map<std::string, std::string>{{"drop-table", "fatal"}});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "lint.drop-table: expected a lint level error, warning or off, got 'fatal'");
  }
}

TEST(LintLevels, OffendingRowsMakeAnErrorAndNoneAnInfo) {
  const Levels levels;
  Finding f;
  f.code = "unique-over-rows";
  EXPECT_EQ(levels.of(f), Level::kWarning);
  f.offending_rows = 3;
  EXPECT_EQ(levels.of(f), Level::kError);
  f.offending_rows = 0;
  EXPECT_EQ(levels.of(f), Level::kInfo);
  EXPECT_EQ(Levels(std::map<std::string, std::string>{{"unique-over-rows", "off"}}).of(f), Level::kOff);
}

TEST(LintLevels, EveryCodeIsKebabCaseAndDocumented) {
  for (const auto& info : codes()) {
    EXPECT_TRUE(is_code(info.code));
    EXPECT_FALSE(info.summary.empty()) << info.code;
    for (char c : info.code) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '-') << info.code;
  }
}

}  // namespace
}  // namespace keyway::lint
