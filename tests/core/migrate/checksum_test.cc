#include "core/migrate/checksum.h"

#include <gtest/gtest.h>

namespace keyway::migrate {
namespace {

// Test vectors from FIPS 180-2, appendix B.
TEST(Checksum, EmptyTextHasTheKnownDigest) {
  EXPECT_EQ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", sha256_hex(""));
}

TEST(Checksum, AbcHasTheKnownDigest) {
  EXPECT_EQ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", sha256_hex("abc"));
}

TEST(Checksum, TwoBlockMessageHasTheKnownDigest) {
  EXPECT_EQ("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
}

TEST(Checksum, EveryByteCountsIncludingNul) {
  EXPECT_NE(sha256_hex(std::string_view("a\0b", 3)), sha256_hex("a"));
  EXPECT_NE(sha256_hex("select 1;\n"), sha256_hex("select 1;\r\n"));
}

}  // namespace
}  // namespace keyway::migrate
