// Declared types and defaults as SQLite's catalog returns them, read back into
// keyway's types and literals.
#include "backends/sqlite/sqlite_dialect.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace keyway::backends::sqlite {
namespace {

using schema::ColumnType;
using schema::Literal;
using schema::TypeKind;
using TypeCases = std::vector<std::pair<std::string, ColumnType>>;

ColumnType other(const std::string& raw) {
  ColumnType type{TypeKind::kOther};
  type.raw = raw;
  return type;
}

void expect_types(const TypeCases& cases) {
  for (const auto& [declared, expected] : cases) {
    EXPECT_EQ(parse_declared_type(declared), expected) << declared;
  }
}

TEST(SqliteDeclaredType, ReadsSizedCharacterTypesAsChar) {
  expect_types({{"varchar(100)", {TypeKind::kChar, 100}},
                {"character varying(20)", {TypeKind::kChar, 20}},
                {"nvarchar(5)", {TypeKind::kChar, 5}},
                {"character(31)", {TypeKind::kChar, 31}},
                {"char(1)", {TypeKind::kChar, 1}},
                {"varchar(0)", {TypeKind::kChar, 0}},
                {"varchar(007)", {TypeKind::kChar, 7}},
                {"varchar(0000000000000000000000042)", {TypeKind::kChar, 42}},
                {"varchar(2147483647)", {TypeKind::kChar, 2147483647}}});
}

TEST(SqliteDeclaredType, ReadsThirtyTwoCharactersAsUuidOnlyForChar) {
  expect_types({{"char(32)", {TypeKind::kUuid}},
                {"character(32)", {TypeKind::kUuid}},
                {"CHAR (32)", {TypeKind::kUuid}},
                {"varchar(32)", {TypeKind::kChar, 32}},
                {"character varying(32)", {TypeKind::kChar, 32}},
                {"nvarchar(32)", {TypeKind::kChar, 32}},
                {"char(032)", {TypeKind::kUuid}}});
}

TEST(SqliteDeclaredType, ReadsDecimalAndNumericWithPrecisionAndScale) {
  expect_types({{"decimal(10,2)", {TypeKind::kDecimal, 0, 10, 2}},
                {"numeric(5,0)", {TypeKind::kDecimal, 0, 5, 0}},
                {"decimal(2147483647,2147483647)",
                 {TypeKind::kDecimal, 0, 2147483647, 2147483647}}});
}

TEST(SqliteDeclaredType, IgnoresCaseAndWhitespaceAnywhere) {
  expect_types({{"VARCHAR(100)", {TypeKind::kChar, 100}},
                {" varchar ( 100 ) ", {TypeKind::kChar, 100}},
                {"Character\tVarying\n(20)", {TypeKind::kChar, 20}},
                {"DECIMAL (10, 2)", {TypeKind::kDecimal, 0, 10, 2}},
                {"decimal(1 0,2)", {TypeKind::kDecimal, 0, 10, 2}},
                {"INT", {TypeKind::kInteger}},
                {"in t", {TypeKind::kInteger}},
                {"\v\f\rinteger\r\n", {TypeKind::kInteger}},
                {"DOUBLE PRECISION", {TypeKind::kFloat}},
                {"BigInt", {TypeKind::kBigInteger}}});
}

TEST(SqliteDeclaredType, ReadsEachPlainSpelling) {
  expect_types({{"integer", {TypeKind::kInteger}},
                {"int", {TypeKind::kInteger}},
                {"smallint", {TypeKind::kSmallInteger}},
                {"bigint", {TypeKind::kBigInteger}},
                {"bool", {TypeKind::kBoolean}},
                {"boolean", {TypeKind::kBoolean}},
                {"text", {TypeKind::kText}},
                {"date", {TypeKind::kDate}},
                {"datetime", {TypeKind::kDateTime}},
                {"timestamp", {TypeKind::kDateTime}},
                {"time", {TypeKind::kTime}},
                {"real", {TypeKind::kFloat}},
                {"double", {TypeKind::kFloat}},
                {"double precision", {TypeKind::kFloat}},
                {"float", {TypeKind::kFloat}},
                {"blob", {TypeKind::kBinary}}});
}

TEST(SqliteDeclaredType, KeepsOtherSpellingsAsDeclared) {
  for (const std::string declared :
       {"", " ", "varchar", "VARCHAR()", "varchar(-1)", "varchar(+1)", "varchar(1.5)",
        "varchar(1,2)", "varchar(1", "varchar 1)", "varchar(1))", "varchar(1)x", "(1)",
        "nchar(32)", "char varying(10)", "varchar[10]", "varchar(0x10)", "varchar(\xd9\xa1)",
        "decimal", "decimal(10)", "decimal(10,)", "decimal(,2)", "decimal(10,2,3)",
        "decimal(10.2)", "numeric(10;2)", "float(53)", "Unsigned Big Int", "integer primary"}) {
    EXPECT_EQ(parse_declared_type(declared), other(declared)) << declared;
  }
}

// A size past INT_MAX is no size keyway can hold: the type reads as declared.
// (With std::stoi it threw std::out_of_range and inspection failed: "error: stoi".)
TEST(SqliteDeclaredType, KeepsSizesPastIntAsDeclared) {
  for (const std::string declared :
       {"varchar(99999999999)", "varchar(2147483648)", "char(4294967328)", "decimal(2147483648,2)",
        "decimal(10,99999999999)", "numeric(99999999999999999999,2)"}) {
    EXPECT_EQ(parse_declared_type(declared), other(declared)) << declared;
  }
}

TEST(SqliteDefault, ReadsNumbersInAndOutOfParentheses) {
  EXPECT_EQ(parse_default("42"), (Literal{Literal::Kind::kNumber, "42"}));
  EXPECT_EQ(parse_default("(-1.5)"), (Literal{Literal::Kind::kNumber, "-1.5"}));
  EXPECT_EQ(parse_default("((.5e3))"), (Literal{Literal::Kind::kNumber, ".5e3"}));
  EXPECT_EQ(parse_default("1."), (Literal{Literal::Kind::kNumber, "1."}));
  EXPECT_EQ(parse_default("1e"), (Literal{Literal::Kind::kExpression, "1e"}));
  EXPECT_EQ(parse_default("."), (Literal{Literal::Kind::kExpression, "."}));
  EXPECT_EQ(parse_default("- 1"), (Literal{Literal::Kind::kExpression, "- 1"}));
  EXPECT_EQ(parse_default("'1'"), (Literal{Literal::Kind::kString, "1"}));
}

}  // namespace
}  // namespace keyway::backends::sqlite
