#include "core/diff/match.h"

#include <algorithm>
#include <cctype>

#include "core/schema/naming.h"

namespace keyway::diff {

namespace {
const std::string& lookup(const std::unordered_map<std::string, std::string>* map,
                          const std::string& name) {
  if (!map) return name;
  auto it = map->find(name);
  return it == map->end() ? name : it->second;
}

std::string joined(const std::vector<std::string>& columns, const Renamer& names) {
  std::string out;
  for (const auto& c : columns) {
    out += names.column(c);
    out += ',';
  }
  return out;
}
}  // namespace

const std::string& Renamer::column(const std::string& name) const {
  return lookup(columns, name);
}
const std::string& Renamer::table(const std::string& name) const { return lookup(tables, name); }

std::string fk_signature(const schema::ForeignKey& key, const Renamer& names) {
  std::string out = joined(key.columns, names);
  out += "->";
  out += names.table(key.ref_table);
  out += '(';
  for (const auto& c : key.ref_columns) {
    out += c;
    out += ',';
  }
  out += ')';
  out += schema::to_sql(key.on_delete);
  out += "/";
  out += schema::to_sql(key.on_update);
  if (key.deferrable) out += "/deferrable";
  return out;
}

std::string unique_signature(const schema::UniqueKey& key, const Renamer& names) {
  std::vector<std::string> columns;
  columns.reserve(key.columns.size());
  for (const auto& c : key.columns) columns.push_back(names.column(c));
  std::sort(columns.begin(), columns.end());
  std::string out;
  for (const auto& c : columns) {
    out += c;
    out += ',';
  }
  return out;
}

std::string index_signature(const schema::Index& index, const Renamer& names) {
  return joined(index.columns, names);
}

std::string normalize_expression(const std::string& expression) {
  std::string out;
  bool in_string = false;
  for (char c : expression) {
    if (c == '\'') in_string = !in_string;
    if (in_string || c == '\'') {
      out += c;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '`') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  // Strip parentheses that wrap the whole expression.
  while (out.size() >= 2 && out.front() == '(' && out.back() == ')') {
    int depth = 0;
    bool wraps = true;
    for (std::size_t i = 0; i + 1 < out.size(); ++i) {
      if (out[i] == '(') ++depth;
      if (out[i] == ')') --depth;
      if (depth == 0) {
        wraps = false;
        break;
      }
    }
    if (!wraps) break;
    out = out.substr(1, out.size() - 2);
  }
  return out;
}

std::string check_signature(const schema::Check& check, const Renamer&) {
  return normalize_expression(check.expression);
}

}  // namespace keyway::diff
