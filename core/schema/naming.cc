#include "core/schema/naming.h"

#include <array>
#include <cstdint>
#include <functional>

#include <fmt/format.h>

namespace keyway::schema {

std::string lower_ascii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string shorten(const std::string& name, std::size_t limit) {
  if (limit == 0 || name.size() <= limit) return name;
  std::uint32_t hash = 2166136261u;  // FNV-1a, 32 bits: stable across platforms
  for (unsigned char c : name) {
    hash ^= c;
    hash *= 16777619u;
  }
  const std::string suffix = fmt::format("_{:08x}", hash);
  if (limit <= suffix.size()) return suffix.substr(suffix.size() - limit);
  return name.substr(0, limit - suffix.size()) + suffix;
}

std::string table_name(const model::Model& model) {
  if (model.table) return *model.table;
  if (model.app && !model.app->empty()) return *model.app + "_" + lower_ascii(model.name);
  return lower_ascii(model.name);
}

std::string column_name(const model::Field& field) {
  if (field.db_column) return *field.db_column;
  if (field.type == model::FieldType::kForeignKey || field.type == model::FieldType::kOneToOne) {
    return field.name + "_id";
  }
  return field.name;
}

std::string junction_table_name(const model::Model& owner, const model::Field& field) {
  if (field.db_table) return *field.db_table;
  return shorten(table_name(owner) + "_" + field.name);
}

namespace {
bool is_self_relation(const model::Model& owner, const model::Field& field) {
  return field.to == owner.name || field.to == "self";
}
}  // namespace

std::string junction_source_column(const model::Model& owner, const model::Field& field) {
  const std::string base = lower_ascii(owner.name) + "_id";
  return is_self_relation(owner, field) ? "from_" + base : base;
}

std::string junction_target_column(const model::Model& owner, const model::Field& field) {
  if (is_self_relation(owner, field)) return "to_" + lower_ascii(owner.name) + "_id";
  return lower_ascii(field.to) + "_id";
}

namespace {
// <table>_<col1>_..._<suffix>, written into one string of the exact size and
// shortened only when too long (the usual case returns it as it is).
template <typename Columns>
std::string joined_name(const std::string& table, const Columns& columns, std::string_view suffix) {
  std::size_t size = table.size() + 1 + suffix.size();
  for (const std::string& column : columns) size += 1 + column.size();
  std::string name;
  name.reserve(size);
  name += table;
  for (const std::string& column : columns) {
    name += '_';
    name += column;
  }
  name += '_';
  name += suffix;
  if (name.size() <= kNameLimit) return name;
  return shorten(name);
}
}  // namespace

std::string constraint_name(const std::string& table, const std::vector<std::string>& columns,
                            std::string_view suffix) {
  return joined_name(table, columns, suffix);
}

std::string column_constraint_name(const std::string& table, const std::string& column,
                                   std::string_view suffix) {
  return joined_name(table, std::array<std::reference_wrapper<const std::string>, 1>{column}, suffix);
}

}  // namespace keyway::schema
