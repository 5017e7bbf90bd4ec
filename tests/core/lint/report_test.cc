#include "core/lint/report.h"

#include <gtest/gtest.h>

namespace keyway::lint {
namespace {

Finding finding(const std::string& code, int statement, int line, const std::string& message) {
  Finding f;
  f.code = code;
  f.message = message;
  f.change = "the change";
  f.where = {"m/1.up.sql", statement, line};
  return f;
}

Report sample() {
  ReportBuilder builder("migrations", Levels(std::map<std::string, std::string>{{"rename-column", "off"}}));
  builder.add_file("m/1.up.sql");
  builder.add(finding("unique-over-rows", 3, 9, "adds unique"), {});
  Finding checked = finding("foreign-key-over-rows", 3, 9, "adds fk: checked");
  checked.offending_rows = 0;
  builder.add(checked, {});
  builder.add(finding("drop-table", 1, 2, "drops table tag"), {});
  builder.add(finding("drop-column", 2, 5, "drops column"), {"drop-column"});
  builder.add(finding("rename-column", 2, 5, "renames"), {});
  return builder.finish();
}

TEST(LintReport, TextIsOneLinePerFindingInStatementOrder) {
  EXPECT_EQ(to_text(sample()),
            "m/1.up.sql:2: statement 1: error: drops table tag [drop-table]\n"
            "m/1.up.sql:9: statement 3: info: adds fk: checked [foreign-key-over-rows]\n"
            "m/1.up.sql:9: statement 3: warning: adds unique [unique-over-rows]\n"
            "lint: 1 error, 1 warning, 1 info in 1 migration (1 ignored)\n");
  EXPECT_TRUE(sample().has_errors());
}

TEST(LintReport, JsonHasAVersionAndSortedKeys) {
  Report report = sample();
  report.findings.resize(2);
  report.findings[1].offending_rows = 0;
  EXPECT_EQ(to_json(report), R"({
  "files": [
    "m/1.up.sql"
  ],
  "findings": [
    {
      "change": "the change",
      "code": "drop-table",
      "file": "m/1.up.sql",
      "level": "error",
      "line": 2,
      "message": "drops table tag",
      "offending_rows": null,
      "statement": 1
    },
    {
      "change": "the change",
      "code": "foreign-key-over-rows",
      "file": "m/1.up.sql",
      "level": "info",
      "line": 9,
      "message": "adds fk: checked",
      "offending_rows": 0,
      "statement": 3
    }
  ],
  "format": "keyway.lint",
  "mode": "migrations",
  "summary": {
    "errors": 1,
    "ignored": 1,
    "infos": 1,
    "warnings": 0
  },
  "version": 1
}
)");
}

TEST(LintReport, NothingToLint) {
  EXPECT_EQ(to_text(ReportBuilder("migrations", Levels()).finish()), "lint: no migration to lint\n");
}

}  // namespace
}  // namespace keyway::lint
