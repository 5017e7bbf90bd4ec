#include "core/lint/rules.h"

#include <cctype>

#include <fmt/format.h>

namespace keyway::lint {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string columns_of(const std::string& table, const std::vector<std::string>& columns) {
  if (columns.size() == 1) return table + "." + columns.front();
  return table + "(" + join(columns) + ")";
}

// Whether `sql` holds `word` (upper case) as a word, in any case.
bool has_word(const std::string& sql, const std::string& word) {
  std::string upper;  // upper case, runs of white space as one space
  for (const char c : sql) {
    const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (space && !upper.empty() && upper.back() == ' ') continue;
    upper += space ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  const auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (std::size_t at = upper.find(word); at != std::string::npos; at = upper.find(word, at + 1)) {
    const std::size_t end = at + word.size();
    if ((at == 0 || !is_word(upper[at - 1])) && (end == upper.size() || !is_word(upper[end]))) return true;
  }
  return false;
}

std::string rows_text(std::int64_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string type_text(const schema::ColumnType& type) {
  switch (type.kind) {
    case schema::TypeKind::kChar: return fmt::format("char({})", type.length);
    case schema::TypeKind::kDecimal: return fmt::format("decimal({},{})", type.precision, type.scale);
    case schema::TypeKind::kOther: return type.raw;
    default: return schema::to_string(type.kind);
  }
}

class Rules {
 public:
  Rules(const Attributed& a, const RuleContext& context) : a_(a), context_(context) {}

  std::vector<Finding> run() {
    std::visit([this](const auto& c) { visit(c); }, a_.change);
    for (auto& finding : out_) finding.change = diff::describe(a_.change);
    return std::move(out_);
  }

 private:
  void add(const char* code, std::string message, bool data_dependent = false) {
    Finding f;
    f.code = code;
    f.message = std::move(message);
    f.data_dependent = data_dependent;
    out_.push_back(std::move(f));
  }

  // PostgreSQL lock rules apply to tables that hold rows, as far as known.
  bool pg_locks_matter() const {
    return context_.postgres && a_.table_existed && !(context_.rows && *context_.rows == 0);
  }

  void visit(const diff::DropTable& c) {
    add("drop-table", context_.rows ? fmt::format("drops table {} and its {}", c.table.name,
                                                  rows_text(*context_.rows, "row", "rows"))
                                    : fmt::format("drops table {} with its rows", c.table.name));
  }
  void visit(const diff::DropColumn& c) {
    add("drop-column",
        context_.rows ? fmt::format("drops column {}.{} and its {}", c.table, c.column.name,
                                    rows_text(*context_.rows, "value", "values"))
                      : fmt::format("drops column {}.{} with its values", c.table, c.column.name));
  }
  void visit(const diff::RenameTable& c) {
    add("rename-table", fmt::format("renames table {} to {}: code that still uses {} fails",
                                    c.from, c.to, c.from));
  }
  void visit(const diff::RenameColumn& c) {
    add("rename-column", fmt::format("renames column {}.{} to {}: code that still uses {} fails",
                                     c.table, c.from, c.to, c.from));
  }
  void visit(const diff::AddColumn& c) {
    if (!a_.table_existed) return;
    const auto* first = std::get_if<diff::AddColumn>(&a_.first);
    const schema::Column& added = first != nullptr ? first->column : c.column;
    if (added.nullable || added.default_value || added.auto_increment) return;
    add("not-null-without-default",
        fmt::format("adds NOT NULL column {}.{} without a default: fails if {} has rows", c.table,
                    added.name, c.table),
        true);
  }
  void visit(const diff::AlterColumn& c) {
    if (!a_.table_existed) return;
    if ((c.changes & diff::kChangeNull) && !c.to.nullable) {
      add("set-not-null",
          fmt::format("makes {}.{} NOT NULL: fails if a row holds NULL", c.table, c.to.name), true);
    }
    if ((c.changes & diff::kChangeType) && pg_locks_matter() &&
        pg_type_change_rewrites(c.from.type, c.to.type)) {
      add("pg-type-rewrites-table",
          fmt::format("changes {}.{} from {} to {}: rewrites {} under an ACCESS EXCLUSIVE lock",
                      c.table, c.to.name, type_text(c.from.type), type_text(c.to.type), c.table));
    }
  }
  void visit(const diff::AddForeignKey& c) {
    if (!a_.table_existed) return;
    const std::string what = fmt::format("foreign key {} → {}", columns_of(c.table, c.key.columns),
                                         columns_of(c.key.ref_table, c.key.ref_columns));
    add("foreign-key-over-rows",
        fmt::format("adds {} over existing rows: fails if a row has no parent", what), true);
    if (pg_locks_matter() && !has_word(context_.statement, "NOT VALID")) {
      add("pg-foreign-key-without-not-valid",
          fmt::format("adds {} without NOT VALID: locks {} and {} while every row is checked; "
                      "add it NOT VALID, then VALIDATE CONSTRAINT in another statement",
                      what, c.table, c.key.ref_table));
    }
  }
  void visit(const diff::AddUnique& c) {
    if (!a_.table_existed) return;
    const std::string cols = columns_of(c.table, c.key.columns);
    add("unique-over-rows",
        fmt::format("adds unique {} over existing rows: fails if any are duplicates", cols), true);
    index_rule(fmt::format("builds the unique index of {}", cols), c.table);
  }
  void visit(const diff::AddIndex& c) {
    if (!a_.table_existed) return;
    index_rule(fmt::format("builds index {} on {}", c.index.name, columns_of(c.table, c.index.columns)),
               c.table);
  }
  void visit(const diff::AddCheck& c) {
    if (!a_.table_existed) return;
    add("check-over-rows",
        fmt::format("adds check {} on {}: fails if a row breaks it", c.check.name, c.table), true);
  }
  void visit(const auto&) {}

  void index_rule(const std::string& what, const std::string& table) {
    if (!pg_locks_matter() || has_word(context_.statement, "CONCURRENTLY")) return;
    add("pg-index-without-concurrently",
        fmt::format("{} without CONCURRENTLY: blocks writes to {} while it builds; use CREATE "
                    "INDEX CONCURRENTLY in a -- keyway:no-transaction migration",
                    what, table));
  }

  const Attributed& a_;
  const RuleContext& context_;
  std::vector<Finding> out_;
};

}  // namespace

std::vector<Finding> check(const Attributed& change, const RuleContext& context) {
  return Rules(change, context).run();
}

bool pg_type_change_rewrites(const schema::ColumnType& from, const schema::ColumnType& to) {
  using schema::TypeKind;
  if (from.kind == TypeKind::kChar && to.kind == TypeKind::kChar) return to.length < from.length;
  if (from.kind == TypeKind::kChar && to.kind == TypeKind::kText) return false;
  if (from.kind == TypeKind::kDecimal && to.kind == TypeKind::kDecimal) {
    return !(to.scale == from.scale && to.precision >= from.precision);
  }
  return true;
}

void set_offending_rows(Finding& finding, std::int64_t offending, const std::string& description) {
  finding.offending_rows = offending;
  const std::size_t cut = finding.message.find(": fails if");
  const std::string what = finding.message.substr(0, cut);
  finding.message = offending == 0
                        ? fmt::format("{}: checked: 0 offending rows ({})", what, description)
                        : fmt::format("{}: fails on {} ({})", what,
                                      rows_text(offending, "row", "rows"), description);
}

}  // namespace keyway::lint
