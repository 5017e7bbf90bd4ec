#include "core/raise/catalog.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/raise/names.h"
#include "core/schema/naming.h"

namespace keyway::raise {

namespace {

using schema::ColumnType;
using schema::TypeKind;

bool is_integer_kind(TypeKind kind) {
  return kind == TypeKind::kAuto || kind == TypeKind::kBigAuto || kind == TypeKind::kInteger ||
         kind == TypeKind::kBigInteger;
}

// The type of a column pointing at a key of `key` type, as lower() gives it.
ColumnType referencing(const ColumnType& key) {
  if (key.kind == TypeKind::kAuto) return {TypeKind::kInteger};
  if (key.kind == TypeKind::kBigAuto) return {TypeKind::kBigInteger};
  return key;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

std::optional<std::pair<const schema::ForeignKey*, const schema::ForeignKey*>> joining_keys(
    const schema::Table& table) {
  if (table.foreign_keys.size() != 2) return std::nullopt;
  const schema::ForeignKey* a = &table.foreign_keys[0];
  const schema::ForeignKey* b = &table.foreign_keys[1];
  if (a->columns.size() != 1 || b->columns.size() != 1 || a->columns == b->columns) {
    return std::nullopt;
  }
  std::vector<std::string> pair = {a->columns[0], b->columns[0]};
  std::sort(pair.begin(), pair.end());
  const bool unique_pair = std::any_of(table.uniques.begin(), table.uniques.end(), [&](const auto& u) {
    std::vector<std::string> columns = u.columns;
    std::sort(columns.begin(), columns.end());
    return columns == pair;
  });
  if (!unique_pair) return std::nullopt;
  const auto position = [&](const std::string& column) {
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      if (table.columns[i].name == column) return i;
    }
    return table.columns.size();
  };
  if (position(b->columns[0]) < position(a->columns[0])) std::swap(a, b);
  return std::pair{a, b};
}

Catalog::Catalog(const schema::Database& db, const schema::Dialect& dialect)
    : db_(db), dialect_(dialect) {
  std::set<std::string> model_names;
  for (const schema::Table& table : db.tables) {
    TableInfo info;
    info.table = &table;
    info.model = claim_name(model_name_for(table.name), model_names);
    by_table_[table.name] = tables_.size();
    tables_.push_back(std::move(info));
  }
  for (TableInfo& info : tables_) info.key = choose_key(*info.table);
  for (TableInfo& info : tables_) {
    info.junction = implicit_junction(info);
    if (!info.junction) info.junction = through_junction(info);
  }
  // A junction between junctions would need a model for each: keep it a model.
  for (TableInfo& info : tables_) {
    if (!info.junction) continue;
    for (const std::string& side : {info.junction->owner_table, info.junction->target_table}) {
      const TableInfo* other = find(side);
      if (other && other->junction && !other->junction->through) info.junction.reset();
      if (!info.junction) break;
    }
  }
}

const TableInfo* Catalog::find(const std::string& table) const {
  auto it = by_table_.find(table);
  return it == by_table_.end() ? nullptr : &tables_[it->second];
}

KeyChoice Catalog::choose_key(const schema::Table& table) const {
  KeyChoice key;
  const schema::Column* column =
      table.primary_key.size() == 1 ? table.find_column(table.primary_key[0]) : nullptr;
  if (!column) {
    key.note = table.primary_key.empty()
                   ? std::string("table has no primary key; every keyway model has one")
                   : fmt::format("composite primary key ({}); keyway declares one-column keys only",
                                 joined(table.primary_key));
    for (const schema::Column& c : table.columns) {
      if (schema::lower_ascii(c.name) == "id") key.column = c.name;
    }
    if (key.column.empty()) {
      key.implicit_id = true;
      key.lowered = {TypeKind::kBigAuto};
      key.note += ", so lower() gives it keyway's implicit `id` column";
    } else {
      key.lowered = table.find_column(key.column)->type;
      key.note += fmt::format(", so its column `{}` is declared the primary key", key.column);
    }
    return key;
  }
  key.column = column->name;
  key.lowered = column->type;
  if (!column->auto_increment || !is_integer_kind(column->type.kind)) return key;
  bool big = column->type.kind == TypeKind::kBigAuto || column->type.kind == TypeKind::kBigInteger;
  if (dialect_.same_type({TypeKind::kAuto}, {TypeKind::kBigAuto})) {
    // The database keeps auto and big_auto alike (SQLite): the columns that
    // point at the key tell which one lowers them to their own type.
    bool integer = false;
    bool bigint = false;
    for (const schema::Table& other : db_.tables) {
      for (const schema::ForeignKey& fk : other.foreign_keys) {
        if (fk.ref_table != table.name || fk.ref_columns != table.primary_key) continue;
        const schema::Column* c = other.find_column(fk.columns[0]);
        if (!c) continue;
        integer = integer || c->type.kind == TypeKind::kInteger;
        bigint = bigint || c->type.kind == TypeKind::kBigInteger;
      }
    }
    big = !(integer && !bigint);
  }
  key.auto_type = big ? model::FieldType::kBigAuto : model::FieldType::kAuto;
  key.lowered = {big ? TypeKind::kBigAuto : TypeKind::kAuto};
  key.implicit_id = big && column->name == "id";
  return key;
}

const schema::ForeignKey* Catalog::relation_key(const schema::Table& table,
                                                const std::string& column) const {
  for (const schema::ForeignKey& fk : table.foreign_keys) {
    if (fk.columns != std::vector<std::string>{column} || fk.ref_columns.size() != 1) continue;
    const TableInfo* target = find(fk.ref_table);
    if (!target || (target->junction && !target->junction->through)) continue;
    const std::string& ref = fk.ref_columns[0];
    if (!target->key.column.empty() && ref == target->key.column) return &fk;
    const auto& uniques = target->table->uniques;
    const bool unique = std::any_of(uniques.begin(), uniques.end(), [&](const auto& u) {
      return u.columns == std::vector<std::string>{ref};
    });
    if (unique && target->table->find_column(ref)) return &fk;
  }
  return nullptr;
}

std::optional<Junction> Catalog::implicit_junction(const TableInfo& info) const {
  const auto keys = joining_keys(*info.table);
  if (!keys) return std::nullopt;
  const auto& [first, second] = *keys;
  for (const auto& [source, target] : {std::pair{first, second}, std::pair{second, first}}) {
    if (matches_implicit(*info.table, *source, *target)) {
      return Junction{source->ref_table, target->ref_table, source->columns[0],
                      target->columns[0], false};
    }
  }
  return std::nullopt;
}

// Whether lower() of a many_to_many from the source's model to the target's
// gives exactly this table (DESIGN.md §2), whatever the table is called.
bool Catalog::matches_implicit(const schema::Table& table, const schema::ForeignKey& source,
                               const schema::ForeignKey& target) const {
  const TableInfo* owner = find(source.ref_table);
  const TableInfo* to = find(target.ref_table);
  if (!owner || !to || owner->table == &table || to->table == &table) return false;
  if (owner->key.column.empty() || to->key.column.empty()) return false;
  if (source.ref_columns != std::vector<std::string>{owner->key.column} ||
      target.ref_columns != std::vector<std::string>{to->key.column}) {
    return false;
  }
  const std::string owner_lower = schema::lower_ascii(owner->model);
  const bool self = owner == to;
  const std::string source_name = self ? "from_" + owner_lower + "_id" : owner_lower + "_id";
  const std::string target_name =
      self ? "to_" + owner_lower + "_id" : schema::lower_ascii(to->model) + "_id";
  if (source.columns[0] != source_name || target.columns[0] != target_name) return false;

  if (table.columns.size() != 3 || table.primary_key != std::vector<std::string>{"id"}) {
    return false;
  }
  const schema::Column* id = table.find_column("id");
  if (!id || !id->auto_increment || !dialect_.same_type(id->type, {TypeKind::kBigAuto})) {
    return false;
  }
  for (const auto& [fk, side] : {std::pair{&source, owner}, std::pair{&target, to}}) {
    const schema::Column* c = table.find_column(fk->columns[0]);
    if (!c || c->nullable || (c->default_value && c->default_value->kind !=
                                                      schema::Literal::Kind::kNull)) {
      return false;
    }
    if (!dialect_.same_type(c->type, referencing(side->key.lowered))) return false;
    if (fk->on_delete != schema::Action::kCascade || fk->on_update != schema::Action::kNoAction ||
        fk->deferrable) {
      return false;
    }
  }
  return table.uniques.size() == 1 && table.indexes.size() == 1 &&
         table.indexes[0].columns == std::vector<std::string>{target_name} &&
         table.checks.empty();
}

std::optional<Junction> Catalog::through_junction(const TableInfo& info) const {
  const auto keys = joining_keys(*info.table);
  if (!keys) return std::nullopt;
  const auto& [first, second] = *keys;
  if (relation_key(*info.table, first->columns[0]) != first ||
      relation_key(*info.table, second->columns[0]) != second) {
    return std::nullopt;
  }
  if (first->ref_table == info.table->name || second->ref_table == info.table->name) {
    return std::nullopt;
  }
  return Junction{first->ref_table, second->ref_table, first->columns[0], second->columns[0],
                  true};
}

}  // namespace keyway::raise
