#include "core/diff/match.h"

#include <algorithm>
#include <cctype>

#include "core/schema/naming.h"

namespace keyway::diff {

namespace {
const std::string& lookup(const std::unordered_map<std::string, std::string>* map,
                          const std::string& name) {
  if (!map || map->empty()) return name;
  auto it = map->find(name);
  return it == map->end() ? name : it->second;
}

// Whether `from` read through `from_names` lists the same names as `to`
// through `to_names`, in the same order.
bool same_columns(const std::vector<std::string>& from, const Renamer& from_names,
                  const std::vector<std::string>& to, const Renamer& to_names) {
  return std::equal(from.begin(), from.end(), to.begin(), to.end(),
                    [&](const std::string& a, const std::string& b) {
                      return from_names.column(a) == to_names.column(b);
                    });
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

bool same_signature(const schema::ForeignKey& from, const Renamer& from_names,
                    const schema::ForeignKey& to, const Renamer& to_names) {
  return from.on_delete == to.on_delete && from.on_update == to.on_update &&
         from.deferrable == to.deferrable && from.ref_columns == to.ref_columns &&
         from_names.table(from.ref_table) == to_names.table(to.ref_table) &&
         same_columns(from.columns, from_names, to.columns, to_names);
}

// The signatures sort the columns of a unique: the same columns in the same
// order are surely the same, another order is left to the signature.
bool same_signature(const schema::UniqueKey& from, const Renamer& from_names,
                    const schema::UniqueKey& to, const Renamer& to_names) {
  return same_columns(from.columns, from_names, to.columns, to_names);
}

bool same_signature(const schema::Index& from, const Renamer& from_names,
                    const schema::Index& to, const Renamer& to_names) {
  return same_columns(from.columns, from_names, to.columns, to_names);
}

// Equal expressions normalise alike; others are left to the signature.
bool same_signature(const schema::Check& from, const Renamer&, const schema::Check& to,
                    const Renamer&) {
  return from.expression == to.expression;
}

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
