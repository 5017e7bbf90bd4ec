// What mask_secrets() hides in a log line, and what it leaves alone.
#include "cli/logging.h"

#include <gtest/gtest.h>

namespace keyway::cli {
namespace {

TEST(MaskSecrets, HidesTheAPasswordInAUrl) {
  EXPECT_EQ("cannot connect to postgresql://app:***@db:5432/app",
            mask_secrets("cannot connect to postgresql://app:s3cret@db:5432/app"));
}

TEST(MaskSecrets, HidesAPasswordKeywordInAnyCase) {
  EXPECT_EQ("host=db PASSWORD = *** user=app", mask_secrets("host=db PASSWORD = hunter2 user=app"));
  EXPECT_EQ("password=*** dbname=app", mask_secrets("password='a b' dbname=app"));
}

TEST(MaskSecrets, LeavesOtherLinesAsTheyAre) {
  const std::string statement = R"([3/349] 0.1 ms  CREATE TABLE "m00001" ( ...)";
  EXPECT_EQ(statement, mask_secrets(statement));
  EXPECT_EQ("sqlite:///tmp/app.db", mask_secrets("sqlite:///tmp/app.db"));
  EXPECT_EQ("column password_hash added", mask_secrets("column password_hash added"));
}

}  // namespace
}  // namespace keyway::cli
