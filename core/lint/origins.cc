#include "core/lint/origins.h"

#include <regex>

#include "core/schema/naming.h"

namespace keyway::lint {

namespace {

// The statement without its comments, so that a comment between the words
// does not hide a rename. Quotes are kept as they are.
std::string without_comments(std::string_view sql) {
  std::string out;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'' || c == '"' || c == '`') {
      const std::size_t end = sql.find(c, i + 1);
      const std::size_t stop = end == std::string_view::npos ? sql.size() : end + 1;
      out.append(sql.substr(i, stop - i));
      i = stop - 1;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const std::size_t end = sql.find('\n', i);
      i = end == std::string_view::npos ? sql.size() : end;
      out += ' ';
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      const std::size_t end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 1;
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// An identifier as written: "quoted" (with "" inside), `quoted`, [quoted], bare.
constexpr const char* kIdent = R"((?:"(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_$]*))";

// The name an identifier stands for: quotes removed, the last part of a
// qualified name.
std::string unquote(const std::string& written) {
  static const std::regex kPart(kIdent);
  std::string last;
  for (auto it = std::sregex_iterator(written.begin(), written.end(), kPart);
       it != std::sregex_iterator(); ++it) {
    last = it->str();
  }
  if (last.size() >= 2 && (last.front() == '"' || last.front() == '`' || last.front() == '[')) {
    std::string inner = last.substr(1, last.size() - 2);
    if (last.front() == '"') {
      for (std::size_t at = inner.find("\"\""); at != std::string::npos; at = inner.find("\"\"", at + 1)) {
        inner.erase(at, 1);
      }
    }
    return inner;
  }
  return last;
}

}  // namespace

std::optional<Rename> parse_rename(std::string_view statement) {
  const std::string ident = kIdent;
  const std::string qualified = ident + R"((?:\s*\.\s*)" + ident + ")?";
  static const std::regex kRename(
      R"(^\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?()" + qualified +
          R"()\s+RENAME\s+(?:(?:COLUMN\s+)?()" + ident + R"()\s+)?TO\s+()" + qualified +
          R"()\s*$)",
      std::regex::icase);
  const std::string text = without_comments(statement);
  std::smatch m;
  if (!std::regex_match(text, m, kRename)) return std::nullopt;
  return Rename{unquote(m[1].str()), m[2].matched ? unquote(m[2].str()) : "", unquote(m[3].str())};
}

template <typename Map>
typename Map::iterator Origins::find(Map& tables, const std::string& name) {
  auto it = tables.find(name);
  if (it != tables.end()) return it;
  const std::string lower = schema::lower_ascii(name);
  for (it = tables.begin(); it != tables.end(); ++it) {
    if (schema::lower_ascii(it->first) == lower) return it;
  }
  return tables.end();
}

Origins::Origins(const schema::Database& start) : start_(start) {
  for (const auto& table : start.tables) {
    Origin origin{table.name, {}};
    for (const auto& column : table.columns) origin.columns[column.name] = column.name;
    tables_[table.name] = std::move(origin);
  }
}

void Origins::follow(std::string_view statement, const schema::Database& state) {
  if (const auto rename = parse_rename(statement)) {
    auto table = find(tables_, rename->table);
    if (table != tables_.end() && rename->column.empty()) {
      Origin origin = std::move(table->second);
      tables_.erase(table);
      tables_[rename->to] = std::move(origin);
    } else if (table != tables_.end()) {
      auto& columns = table->second.columns;
      if (auto column = find(columns, rename->column); column != columns.end()) {
        const std::string original = column->second;
        columns.erase(column);
        columns[rename->to] = original;
      }
    }
  }
  // Keep what `state` holds, under the names it spells them with.
  std::map<std::string, Origin> now;
  for (const auto& table : state.tables) {
    Origin& origin = now[table.name];
    auto before = find(tables_, table.name);
    if (before == tables_.end()) continue;
    origin.table = before->second.table;
    for (const auto& column : table.columns) {
      auto c = find(before->second.columns, column.name);
      if (c != before->second.columns.end()) origin.columns[column.name] = c->second;
    }
  }
  tables_ = std::move(now);
}

schema::Database Origins::hinted(const schema::Database& state) const {
  schema::Database out = state;
  for (auto& table : out.tables) {
    auto it = tables_.find(table.name);
    if (it == tables_.end() || it->second.table.empty()) continue;
    const Origin& origin = it->second;
    const schema::Table* before = start_.find_table(origin.table);
    if (before == nullptr) continue;
    if (origin.table != table.name) {
      // The diff pairs by name first: a table of the old name pairs with that.
      if (state.find_table(origin.table) != nullptr) continue;
      table.renamed_from = origin.table;
    }
    for (auto& column : table.columns) {
      auto c = origin.columns.find(column.name);
      if (c == origin.columns.end() || c->second == column.name) continue;
      if (before->find_column(c->second) != nullptr && table.find_column(c->second) == nullptr) {
        column.renamed_from = c->second;
      }
    }
  }
  return out;
}

std::optional<std::string> Origins::original(const std::string& table) const {
  auto it = tables_.find(table);
  if (it != tables_.end() && !it->second.table.empty()) return it->second.table;
  if (start_.find_table(table) != nullptr) return table;
  return std::nullopt;
}

bool Origins::existed(const std::string& table) const { return original(table).has_value(); }

}  // namespace keyway::lint
