#include "core/lint/report.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace keyway::lint {

namespace {

std::string counted(int n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

int Report::count(Level level) const {
  return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                        [&](const Finding& f) { return f.level == level; }));
}

ReportBuilder::ReportBuilder(std::string mode, Levels levels) : levels_(std::move(levels)) {
  report_.mode = std::move(mode);
}

void ReportBuilder::add_file(const std::string& file) { report_.files.push_back(file); }

void ReportBuilder::add(Finding finding, const std::set<std::string>& ignored_codes) {
  finding.level = levels_.of(finding);
  if (finding.level == Level::kOff) return;
  if (ignored_codes.count(finding.code) > 0) {
    ++report_.ignored;
    return;
  }
  report_.findings.push_back(std::move(finding));
}

Report ReportBuilder::finish() {
  const auto file_index = [&](const std::string& file) {
    return std::find(report_.files.begin(), report_.files.end(), file) - report_.files.begin();
  };
  std::stable_sort(report_.findings.begin(), report_.findings.end(),
                   [&](const Finding& a, const Finding& b) {
                     return std::make_tuple(file_index(a.where.file), a.where.statement, a.code, a.message) <
                            std::make_tuple(file_index(b.where.file), b.where.statement, b.code, b.message);
                   });
  return std::move(report_);
}

std::string to_text(const Report& report) {
  std::string out;
  for (const auto& f : report.findings) {
    out += fmt::format("{}:{}: statement {}: {}: {} [{}]\n", f.where.file, f.where.line,
                       f.where.statement, to_string(f.level), f.message, f.code);
  }
  if (report.files.empty()) return out + "lint: no migration to lint\n";
  std::string summary = fmt::format("lint: {}, {}", counted(report.count(Level::kError), "error", "errors"),
                                    counted(report.count(Level::kWarning), "warning", "warnings"));
  if (const int infos = report.count(Level::kInfo); infos > 0) {
    summary += ", " + counted(infos, "info", "infos");
  }
  summary += " in " + (report.mode == "schema" ? std::string("the schema diff")
                                               : counted(static_cast<int>(report.files.size()),
                                                         "migration", "migrations"));
  if (report.ignored > 0) summary += fmt::format(" ({} ignored)", report.ignored);
  return out + summary + "\n";
}

std::string to_json(const Report& report) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : report.findings) {
    findings.push_back({
        {"code", f.code},
        {"level", to_string(f.level)},
        {"message", f.message},
        {"change", f.change},
        {"file", f.where.file},
        {"statement", f.where.statement},
        {"line", f.where.line},
        {"offending_rows", f.offending_rows ? nlohmann::json(*f.offending_rows) : nlohmann::json()},
    });
  }
  const nlohmann::json out = {
      {"format", "keyway.lint"},
      {"version", 1},
      {"mode", report.mode},
      {"files", report.files},
      {"findings", findings},
      {"summary",
       {{"errors", report.count(Level::kError)},
        {"warnings", report.count(Level::kWarning)},
        {"infos", report.count(Level::kInfo)},
        {"ignored", report.ignored}}},
  };
  return out.dump(2) + "\n";
}

}  // namespace keyway::lint
