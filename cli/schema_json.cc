#include "cli/schema_json.h"

#include <variant>

namespace keyway::cli {

using nlohmann::ordered_json;

namespace {

ordered_json literal(const Boxed<schema::Literal>& value) {
  if (!value || value->kind == schema::Literal::Kind::kNull) return nullptr;
  switch (value->kind) {
    case schema::Literal::Kind::kBool: return value->text == "true";
    case schema::Literal::Kind::kNumber: return ordered_json{{"number", value->text}};
    case schema::Literal::Kind::kString: return value->text;
    case schema::Literal::Kind::kExpression: return ordered_json{{"expression", value->text}};
    case schema::Literal::Kind::kNull: break;
  }
  return nullptr;
}

ordered_json names(const std::vector<std::string>& list) { return ordered_json(list); }

template <typename T>
ordered_json all(const std::vector<T>& items) {
  ordered_json out = ordered_json::array();
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

ordered_json change_json(const char* kind, const std::string& table, const std::string& object,
                         ordered_json before, ordered_json after) {
  return ordered_json{{"kind", kind}, {"table", table}, {"object", object},
                      {"before", std::move(before)}, {"after", std::move(after)}};
}

ordered_json links(const diff::CopyLinks& c) {
  const char* mode = c.mode == diff::CopyLinks::Mode::kColumnToJunction   ? "column_to_junction"
                     : c.mode == diff::CopyLinks::Mode::kJunctionToColumn ? "junction_to_column"
                                                                          : "junction_to_junction";
  return change_json("copy_links", c.to_table, c.relation,
                     {{"table", c.from_table},
                      {"source_column", c.from_source_column},
                      {"target_column", c.from_target_column}},
                     {{"table", c.to_table},
                      {"source_column", c.to_source_column},
                      {"target_column", c.to_target_column},
                      {"mode", mode}});
}

}  // namespace

ordered_json to_json(const schema::ColumnType& type) {
  ordered_json out = {{"kind", schema::to_string(type.kind)}};
  if (type.kind == schema::TypeKind::kChar) out["length"] = type.length;
  if (type.kind == schema::TypeKind::kDecimal) {
    out["precision"] = type.precision;
    out["scale"] = type.scale;
  }
  if (!type.raw.empty()) out["raw"] = type.raw.str();
  return out;
}

ordered_json to_json(const schema::Column& column) {
  ordered_json out = {{"name", column.name},
                      {"type", to_json(column.type)},
                      {"nullable", column.nullable},
                      {"default", literal(column.default_value)}};
  if (column.auto_increment) out["auto_increment"] = true;
  return out;
}

ordered_json to_json(const schema::ForeignKey& key) {
  ordered_json out = {{"name", key.name},
                      {"columns", names(key.columns)},
                      {"ref_table", key.ref_table},
                      {"ref_columns", names(key.ref_columns)},
                      {"on_delete", schema::to_sql(key.on_delete)},
                      {"on_update", schema::to_sql(key.on_update)}};
  if (key.deferrable) out["deferrable"] = true;
  return out;
}

ordered_json to_json(const schema::UniqueKey& key) {
  return {{"name", key.name}, {"columns", names(key.columns)}};
}

ordered_json to_json(const schema::Index& index) {
  return {{"name", index.name}, {"columns", names(index.columns)}};
}

ordered_json to_json(const schema::Check& check) {
  return {{"name", check.name}, {"expression", check.expression}};
}

ordered_json to_json(const schema::Table& table) {
  ordered_json out = {{"name", table.name},
                      {"columns", all(table.columns)},
                      {"primary_key", names(table.primary_key)},
                      {"foreign_keys", all(table.foreign_keys)},
                      {"uniques", all(table.uniques)},
                      {"indexes", all(table.indexes)},
                      {"checks", all(table.checks)}};
  if (!table.unmanaged.empty()) out["unmanaged"] = names(table.unmanaged);
  return out;
}

ordered_json to_json(const schema::Database& database) {
  return {{"tables", all(database.tables)}, {"unmanaged", names(database.unmanaged)}};
}

ordered_json to_json(const diff::Change& change) {
  ordered_json out = std::visit(
      [](const auto& c) -> ordered_json {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, diff::AddTable>) {
          return change_json("add_table", c.table.name, c.table.name, nullptr, to_json(c.table));
        } else if constexpr (std::is_same_v<T, diff::DropTable>) {
          return change_json("drop_table", c.table.name, c.table.name, to_json(c.table), nullptr);
        } else if constexpr (std::is_same_v<T, diff::RenameTable>) {
          return change_json("rename_table", c.to, c.to, c.from, c.to);
        } else if constexpr (std::is_same_v<T, diff::AddColumn>) {
          return change_json("add_column", c.table, c.column.name, nullptr, to_json(c.column));
        } else if constexpr (std::is_same_v<T, diff::DropColumn>) {
          return change_json("drop_column", c.table, c.column.name, to_json(c.column), nullptr);
        } else if constexpr (std::is_same_v<T, diff::RenameColumn>) {
          return change_json("rename_column", c.table, c.to, c.from, c.to);
        } else if constexpr (std::is_same_v<T, diff::AlterColumn>) {
          return change_json("alter_column", c.table, c.to.name, to_json(c.from), to_json(c.to));
        } else if constexpr (std::is_same_v<T, diff::AddForeignKey>) {
          return change_json("add_foreign_key", c.table, c.key.name, nullptr, to_json(c.key));
        } else if constexpr (std::is_same_v<T, diff::DropForeignKey>) {
          return change_json("drop_foreign_key", c.table, c.key.name, to_json(c.key), nullptr);
        } else if constexpr (std::is_same_v<T, diff::AddUnique>) {
          return change_json("add_unique", c.table, c.key.name, nullptr, to_json(c.key));
        } else if constexpr (std::is_same_v<T, diff::DropUnique>) {
          return change_json("drop_unique", c.table, c.key.name, to_json(c.key), nullptr);
        } else if constexpr (std::is_same_v<T, diff::AddIndex>) {
          return change_json("add_index", c.table, c.index.name, nullptr, to_json(c.index));
        } else if constexpr (std::is_same_v<T, diff::DropIndex>) {
          return change_json("drop_index", c.table, c.index.name, to_json(c.index), nullptr);
        } else if constexpr (std::is_same_v<T, diff::AddCheck>) {
          return change_json("add_check", c.table, c.check.name, nullptr, to_json(c.check));
        } else if constexpr (std::is_same_v<T, diff::DropCheck>) {
          return change_json("drop_check", c.table, c.check.name, to_json(c.check), nullptr);
        } else {
          return links(c);
        }
      },
      change);
  out["description"] = diff::describe(change);
  out["destructive"] = diff::is_destructive(change);
  out["data_dependent"] = diff::is_data_dependent(change);
  return out;
}

}  // namespace keyway::cli
