#include "core/migrate/migration_text.h"

#include <fmt/format.h>

namespace keyway::migrate {

namespace {

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

std::string header(const plan::Plan& plan, const MigrationText& about, const char* direction) {
  std::string out = fmt::format("-- keyway migration {}_{}: {}\n", about.version, about.name,
                                direction);
  out += fmt::format("-- {} step{}; keyway runs this file in one transaction with its history row.\n",
                     plan.steps.size(), plan.steps.size() == 1 ? "" : "s");
  out += "-- After editing it by hand, run `keyway migrate hash`.\n";
  return out;
}

void append_step(std::string& out, const plan::Step& step, const std::string& mark) {
  out += "\n";
  if (!mark.empty()) out += "-- keyway: " + mark + "\n";
  out += "-- " + one_line(step.summary) + "\n";
  for (const auto& statement : step.sql) out += statement + ";\n";
}

// Whether a step of the reverse plan brings back what the up dropped; a
// SQLite rebuild's summary lists every change it groups, one per line.
bool recreates(const plan::Step& step, const LostData& loss) {
  if (step.table != loss.table) return false;
  const std::string what = loss.column.empty() ? "create table " + loss.table
                                               : "add column " + loss.table + "." + loss.column + " ";
  return step.summary.find(what) != std::string::npos;
}

}  // namespace

std::string LostData::to_string() const {
  return column.empty() ? "table " + table : "column " + table + "." + column;
}

std::string up_file_text(const plan::Plan& plan, const MigrationText& about) {
  std::string out = header(plan, about, "up");
  for (const auto& loss : about.losses) {
    out += "-- keyway: destructive: drops " + loss.to_string() +
           " for good; the down migration cannot restore it\n";
  }
  for (const auto& step : plan.steps) {
    append_step(out, step, step.destructive ? "destructive: " + one_line(step.summary) : "");
  }
  return out;
}

std::string down_file_text(const plan::Plan& reverse, const MigrationText& about) {
  std::string out = header(reverse, about, "down");
  for (const auto& loss : about.losses) {
    out += "-- keyway: cannot restore " + loss.to_string() +
           ": the up migration dropped it; it comes back empty\n";
  }
  for (const auto& step : reverse.steps) {
    std::string mark;
    if (step.destructive) mark = "destructive: " + one_line(step.summary);
    for (const auto& loss : about.losses) {
      if (recreates(step, loss)) {
        mark = "cannot restore " + loss.to_string() + " (dropped by the up migration): it comes back empty";
      }
    }
    append_step(out, step, mark);
  }
  return out;
}

}  // namespace keyway::migrate
