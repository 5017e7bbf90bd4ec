// How a comparison speaks to people and to pipelines (`keyway diff`, and the
// summary `apply` prints): text grouped by table, JSON (docs/json-format.md),
// Markdown for a pull-request comment, or the SQL script alone.
#pragma once

#include <ostream>
#include <string>

#include "backends/driver.h"
#include "cli/pipeline.h"

namespace keyway::cli {

enum class ReportFormat { kText, kJson, kMarkdown, kSql };

// How many changes drop data, and how many may fail on existing rows.
struct ChangeCounts {
  std::size_t destructive = 0;
  std::size_t data_dependent = 0;
};
ChangeCounts count_changes(const std::vector<diff::Change>& changes);

// "text" | "json" | "markdown" | "sql".
ReportFormat parse_report_format(const std::string& name);

// Colour for text on standard output: only on a terminal, never with NO_COLOR.
bool use_colour();

// The changes in plain words, grouped by table, destructive and
// data-dependent ones marked, then what keyway leaves alone.
void print_changes(std::ostream& out, const Comparison& comparison, bool colour = false);

// Objects keyway does not manage, one "  - ..." line each, under a heading.
void print_unmanaged(std::ostream& out, const std::vector<std::string>& unmanaged);

// The whole report of `keyway diff` in `format`.
void write_report(std::ostream& out, const Comparison& comparison, const backends::Driver& driver,
                  ReportFormat format, bool colour = false);

}  // namespace keyway::cli
