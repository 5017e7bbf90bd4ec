#include "backends/common/data_checks.h"

#include <algorithm>
#include <cctype>
#include <type_traits>
#include <utility>
#include <variant>

#include <fmt/format.h>

#include "core/schema/naming.h"
#include "core/schema/sql_literal.h"

namespace keyway::backends::common {

using plan::DataCheck;
using schema::Literal;

namespace {

constexpr std::size_t kExamples = 5;

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

bool is_identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Whether `expression` names `column` as a whole word, quoted or not, in any
// case. It may say yes for a string literal holding the name: that only
// costs a check.
bool mentions(const std::string& expression, const std::string& column) {
  const std::string text = schema::lower_ascii(expression);
  const std::string word = schema::lower_ascii(column);
  if (word.empty()) return false;
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const std::size_t end = at + word.size();
    if ((at == 0 || !is_identifier_char(text[at - 1])) &&
        (end == text.size() || !is_identifier_char(text[end]))) {
      return true;
    }
  }
  return false;
}

// "post.author_id" for one column, "post(a, b)" for several.
std::string qualified(const std::string& table, const std::vector<std::string>& columns) {
  if (columns.size() == 1) return table + "." + columns.front();
  return table + "(" + join(columns, ", ") + ")";
}

// Builds the SQL of one check against the tables' original names.
class CheckSql {
 public:
  CheckSql(const schema::Database& state, const OriginalNames& names, const CheckSyntax& syntax)
      : state_(state), names_(names), syntax_(syntax) {}

  // The original names of `columns` of `table`; nullopt when one is new.
  std::optional<std::vector<std::string>> columns(const std::string& table,
                                                  const std::vector<std::string>& current) const {
    std::vector<std::string> out;
    for (const auto& column : current) {
      auto original = names_.column(table, column);
      if (!original) return std::nullopt;
      out.push_back(*original);
    }
    return out;
  }

  std::string column_list(const std::vector<std::string>& columns) const {
    std::vector<std::string> quoted;
    for (const auto& column : columns) quoted.push_back(syntax_.quote(column));
    return join(quoted, ", ");
  }

  // `alias.` prefix + quoted column.
  std::string ref(const std::string& alias, const std::string& column) const {
    return (alias.empty() ? "" : syntax_.quote(alias) + ".") + syntax_.quote(column);
  }

  // A text expression naming a row: `'id=' || quote("id")`, each pair of
  // (current name, original name) in `columns` of `table`, separated by spaces.
  std::string describe(const std::string& table,
                       const std::vector<std::pair<std::string, std::string>>& columns,
                       const std::string& alias) const {
    const schema::Table* t = state_.find_table(table);
    std::vector<std::string> parts;
    for (const auto& [label, original] : columns) {
      const schema::Column* column = t != nullptr ? t->find_column(label) : nullptr;
      parts.push_back(fmt::format("{} || {}",
                                  schema::quote_sql_string((parts.empty() ? "" : " ") + label + "="),
                                  syntax_.value_text(ref(alias, original), column)));
    }
    return join(parts, " || ");
  }

  // The row's primary key (plus `extra` columns): (current, original) names.
  std::vector<std::pair<std::string, std::string>> key_columns(
      const std::string& table, const std::vector<std::string>& extra) const {
    std::vector<std::pair<std::string, std::string>> columns;
    std::vector<std::string> current;
    if (const schema::Table* t = state_.find_table(table)) current = t->primary_key;
    for (const auto& column : extra) {
      if (std::find(current.begin(), current.end(), column) == current.end()) {
        current.push_back(column);
      }
    }
    for (const auto& column : current) {
      if (auto original = names_.column(table, column)) columns.emplace_back(column, *original);
    }
    return columns;
  }

  std::string row_id(const std::string& alias) const {
    return (alias.empty() ? "" : syntax_.quote(alias) + ".") + syntax_.row_id;
  }

  // The row's primary key (plus `extra` columns) as text, or its row id.
  std::string row_key(const std::string& table, const std::string& alias,
                      const std::vector<std::string>& extra = {}) const {
    const auto columns = key_columns(table, extra);
    if (columns.empty()) return schema::quote_sql_string(syntax_.row_id + "=") + " || " + row_id(alias);
    return describe(table, columns, alias);
  }

  // ` ORDER BY` the same key, when the syntax asks for sorted examples.
  std::string row_order(const std::string& table, const std::string& alias,
                        const std::vector<std::string>& extra = {}) const {
    if (!syntax_.order_examples) return "";
    const auto columns = key_columns(table, extra);
    if (columns.empty()) return " ORDER BY " + row_id(alias);
    std::vector<std::string> refs;
    for (const auto& column : columns) refs.push_back(ref(alias, column.second));
    return " ORDER BY " + join(refs, ", ");
  }

  // COUNT(*) and up to five row descriptions of `from_where`.
  DataCheck rows(std::string description, const std::string& from_where,
                 const std::string& example, const std::string& order) const {
    return {std::move(description), "SELECT COUNT(*) FROM " + from_where,
            fmt::format("SELECT {} FROM {}{} LIMIT {}", example, from_where, order, kExamples)};
  }

  std::vector<DataCheck> operator()(const diff::AddUnique& c) const {
    auto table = names_.table(c.table);
    auto cols = columns(c.table, c.key.columns);
    if (!table || !cols) return {};
    std::vector<std::string> not_null;
    std::vector<std::pair<std::string, std::string>> labels;
    for (std::size_t i = 0; i < cols->size(); ++i) {
      not_null.push_back(ref("", (*cols)[i]) + " IS NOT NULL");
      labels.emplace_back(c.key.columns[i], (*cols)[i]);
    }
    // NULLs never collide in a unique index, in SQLite as in PostgreSQL
    // (https://www.sqlite.org/lang_createindex.html).
    const std::string groups =
        fmt::format("FROM {} WHERE {} GROUP BY {} HAVING COUNT(*) > 1", syntax_.table(*table),
                    join(not_null, " AND "), column_list(*cols));
    return {{fmt::format("duplicate values in {}({})", c.table, join(c.key.columns, ", ")),
             fmt::format("SELECT COALESCE(SUM(\"n\"), 0) FROM (SELECT COUNT(*) AS \"n\" {}){}",
                         groups, syntax_.subquery_alias),
             fmt::format("SELECT {} || ' (' || COUNT(*) || ' rows)' {} ORDER BY {} LIMIT {}",
                         describe(c.table, labels, ""), groups, column_list(*cols),
                         kExamples)}};
  }

  std::vector<DataCheck> operator()(const diff::AddForeignKey& c) const {
    auto table = names_.table(c.table);
    auto cols = columns(c.table, c.key.columns);
    auto parent = names_.table(c.key.ref_table);
    auto refs = columns(c.key.ref_table, c.key.ref_columns);
    if (!table || !cols || !parent || !refs || cols->size() != refs->size()) return {};
    // A key with a NULL part references nothing (MATCH SIMPLE, the default
    // of both; https://www.sqlite.org/foreignkeys.html).
    std::vector<std::string> not_null;
    std::vector<std::string> match;
    for (std::size_t i = 0; i < cols->size(); ++i) {
      not_null.push_back(ref("_child", (*cols)[i]) + " IS NOT NULL");
      match.push_back(ref("_parent", (*refs)[i]) + " = " + ref("_child", (*cols)[i]));
    }
    const std::string from_where = fmt::format(
        "{} AS \"_child\" WHERE {} AND NOT EXISTS (SELECT 1 FROM {} AS \"_parent\" WHERE {})",
        syntax_.table(*table), join(not_null, " AND "), syntax_.table(*parent),
        join(match, " AND "));
    const std::string columns_text = c.key.columns.size() == 1
                                         ? c.key.columns.front()
                                         : fmt::format("({})", join(c.key.columns, ", "));
    return {rows(fmt::format("rows of {} whose {} has no {}", c.table, columns_text,
                             qualified(c.key.ref_table, c.key.ref_columns)),
                 from_where, row_key(c.table, "_child", c.key.columns),
                 row_order(c.table, "_child", c.key.columns))};
  }

  // Whether `expression` (written with the plan's names) reads a column that
  // is new or renamed: it cannot run against the table as it is.
  bool reads_changed_columns(const std::string& table, const std::string& expression) const {
    const schema::Table* t = state_.find_table(table);
    if (t == nullptr) return true;
    for (const auto& column : t->columns) {
      const auto original = names_.column(table, column.name);
      if ((!original || *original != column.name) && mentions(expression, column.name)) {
        return true;
      }
    }
    return false;
  }

  std::vector<DataCheck> operator()(const diff::AddCheck& c) const {
    auto table = names_.table(c.table);
    if (!table || reads_changed_columns(c.table, c.check.expression)) return {};
    // CHECK passes when the expression is NULL; only false fails it.
    const std::string from_where =
        fmt::format("{} WHERE NOT ({})", syntax_.table(*table), c.check.expression);
    const std::string name = c.check.name.empty() ? "(" + c.check.expression + ")" : c.check.name;
    return {rows(fmt::format("rows of {} violating check {}", c.table, name), from_where,
                 row_key(c.table, ""), row_order(c.table, ""))};
  }

  std::vector<DataCheck> operator()(const diff::AlterColumn& c) const {
    if (!(c.changes & diff::kChangeNull) || c.to.nullable) return {};
    auto table = names_.table(c.table);
    auto column = names_.column(c.table, c.from.name);
    if (!table || !column) return {};
    return {rows(fmt::format("rows of {} whose {} is NULL", c.table, c.to.name),
                 fmt::format("{} WHERE {} IS NULL", syntax_.table(*table), ref("", *column)),
                 row_key(c.table, ""), row_order(c.table, ""))};
  }

  std::vector<DataCheck> added(const diff::AddColumn& c, bool filled) const {
    const bool has_default =
        c.column.default_value && c.column.default_value->kind != Literal::Kind::kNull;
    if (filled || c.column.nullable || has_default || c.column.auto_increment) return {};
    auto table = names_.table(c.table);
    if (!table) return {};
    return {rows(fmt::format("rows of {} without a value for new NOT NULL column {}", c.table,
                             c.column.name),
                 syntax_.table(*table), row_key(c.table, ""), row_order(c.table, ""))};
  }

 private:
  const schema::Database& state_;
  const OriginalNames& names_;
  const CheckSyntax& syntax_;
};

}  // namespace

OriginalNames::OriginalNames(const schema::Database& from) {
  for (const auto& table : from.tables) {
    Names names{table.name, {}};
    for (const auto& column : table.columns) names.columns.emplace(column.name, column.name);
    tables_.emplace(table.name, std::move(names));
  }
}

void OriginalNames::apply(const diff::Change& change) {
  if (const auto* c = std::get_if<diff::RenameTable>(&change)) {
    auto node = tables_.extract(c->from);
    if (!node.empty()) {
      node.key() = c->to;
      tables_.insert(std::move(node));
    }
  } else if (const auto* c = std::get_if<diff::RenameColumn>(&change)) {
    if (auto it = tables_.find(c->table); it != tables_.end()) {
      auto node = it->second.columns.extract(c->from);
      if (!node.empty()) {
        node.key() = c->to;
        it->second.columns.insert(std::move(node));
      }
    }
  } else if (const auto* c = std::get_if<diff::DropTable>(&change)) {
    tables_.erase(c->table.name);
  } else if (const auto* c = std::get_if<diff::DropColumn>(&change)) {
    if (auto it = tables_.find(c->table); it != tables_.end()) {
      it->second.columns.erase(c->column.name);
    }
  }
}

std::optional<std::string> OriginalNames::table(const std::string& current) const {
  auto it = tables_.find(current);
  if (it == tables_.end()) return std::nullopt;
  return it->second.table;
}

std::optional<std::string> OriginalNames::column(const std::string& table,
                                                 const std::string& column) const {
  auto it = tables_.find(table);
  if (it == tables_.end()) return std::nullopt;
  auto col = it->second.columns.find(column);
  if (col == it->second.columns.end()) return std::nullopt;
  return col->second;
}

std::vector<DataCheck> data_checks(const diff::Change& change, const schema::Database& state,
                                   const OriginalNames& names, bool filled,
                                   const CheckSyntax& syntax) {
  const CheckSql sql(state, names, syntax);
  return std::visit(
      [&](const auto& c) -> std::vector<DataCheck> {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, diff::AddColumn>) {
          return sql.added(c, filled);
        } else if constexpr (std::is_same_v<T, diff::AddUnique> ||
                             std::is_same_v<T, diff::AddForeignKey> ||
                             std::is_same_v<T, diff::AddCheck> ||
                             std::is_same_v<T, diff::AlterColumn>) {
          return sql(c);
        } else {
          return {};
        }
      },
      change);
}

}  // namespace keyway::backends::common
