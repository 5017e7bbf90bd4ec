#include "core/raise/model_builder.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/raise/choices.h"
#include "core/raise/field_values.h"
#include "core/raise/names.h"
#include "core/schema/naming.h"

namespace keyway::raise {

namespace {

using model::Field;
using model::FieldType;
using schema::Column;

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

bool is_implicit_id(const TableInfo& info, const Column& column) {
  return info.key.implicit_id && column.name == info.key.column;
}

class ModelBuilder {
 public:
  ModelBuilder(const Catalog& catalog, const FieldNames& names, const TableInfo& info,
               std::vector<std::string>& notes)
      : catalog_(catalog), names_(names.at(info.table->name)), all_names_(names), info_(info),
        table_(*info.table), notes_(notes) {}

  model::Model build() {
    model_.name = info_.model;
    if (schema::lower_ascii(info_.model) != table_.name) model_.table = table_.name;
    if (!info_.key.note.empty()) notes_.push_back(info_.key.note);
    for (const Column& column : table_.columns) {
      if (!is_implicit_id(info_, column)) add_field(column);
    }
    for (const schema::ForeignKey& fk : table_.foreign_keys) note_foreign_key(fk);
    add_checks();
    add_uniques();
    add_indexes();
    for (Field& field : model_.fields) {
      if (lower_indexes(field) && !indexed_.contains(field.name)) field.db_index = false;
    }
    return std::move(model_);
  }

 private:
  Field* field_for(const std::string& column) {
    auto it = names_.find(column);
    if (it == names_.end()) return nullptr;
    for (Field& field : model_.fields) {
      if (field.name == it->second) return &field;
    }
    return nullptr;
  }

  std::optional<std::vector<std::string>> field_names(const std::vector<std::string>& columns) {
    std::vector<std::string> out;
    for (const auto& column : columns) {
      auto it = names_.find(column);
      if (it == names_.end()) return std::nullopt;
      out.push_back(it->second);
    }
    return out;
  }

  void add_field(const Column& column) {
    Field field;
    field.name = names_.at(column.name);
    const bool key = column.name == info_.key.column;
    if (const schema::ForeignKey* fk = catalog_.relation_key(table_, column.name)) {
      make_relation(field, *fk);
    } else if (auto type = field_type_for(column.type)) {
      field.type = *type;
    } else {
      field.type = FieldType::kText;
      notes_.push_back(fmt::format("column `{}` has type `{}`, which keyway has no type for; "
                                   "written as text", column.name, column.type.raw.str()));
    }
    if (field.type == FieldType::kChar) field.max_length = column.type.length;
    if (field.type == FieldType::kDecimal) {
      field.max_digits = column.type.precision;
      field.decimal_places = column.type.scale;
    }
    if (key) {
      field.primary_key = true;
      if (info_.key.auto_type) field.type = *info_.key.auto_type;
      if (field.type == FieldType::kForeignKey) field.type = FieldType::kOneToOne;
    } else if (field.type == FieldType::kAuto || field.type == FieldType::kBigAuto) {
      field.type = field.type == FieldType::kAuto ? FieldType::kInteger : FieldType::kBigInteger;
      notes_.push_back(fmt::format("column `{}` is filled by a sequence or identity; keyway "
                                   "declares that only for a primary key", column.name));
    }
    field.null = column.nullable && !key;
    if (column.default_value && column.default_value->kind != schema::Literal::Kind::kNull &&
        !column.auto_increment) {
      field.default_value = value_for(field.is_relation() ? value_type(column) : field.type,
                                      *column.default_value);
      if (!field.default_value) {
        notes_.push_back(fmt::format("column `{}` has default `{}`, which keyway cannot write",
                                     column.name, column.default_value->text));
      }
    }
    if (field.is_relation()) check_actions(field, column);
    if (schema::column_name(field) != column.name) field.db_column = column.name;
    model_.fields.push_back(std::move(field));
  }

  // A relation's column has the type of what it points at; its default is
  // read as a value of its own column type.
  static FieldType value_type(const Column& column) {
    return field_type_for(column.type).value_or(FieldType::kText);
  }

  void make_relation(Field& field, const schema::ForeignKey& fk) {
    const TableInfo& target = *catalog_.find(fk.ref_table);
    field.type = FieldType::kForeignKey;
    field.to = target.model;
    field.on_delete = on_delete_for(fk.on_delete);
    field.deferrable = fk.deferrable;
    if (fk.ref_columns[0] != target.key.column) {
      field.to_field = all_names_.at(target.table->name).at(fk.ref_columns[0]);
    }
    if (fk.on_update != schema::Action::kNoAction) {
      notes_.push_back(fmt::format("foreign key `{}` has ON UPDATE {}; keyway cannot express it",
                                   fk.name, schema::to_sql(fk.on_update)));
    }
  }

  // The loader's rules: set_null needs null: true, set_default a default.
  void check_actions(Field& field, const Column& column) {
    const bool bad_null = field.on_delete == model::OnDelete::kSetNull && !field.null;
    const bool bad_default = field.on_delete == model::OnDelete::kSetDefault && !field.default_value;
    if (!bad_null && !bad_default) return;
    notes_.push_back(fmt::format("column `{}`: ON DELETE {} needs {} in keyway; written as "
                                 "do_nothing", column.name, bad_null ? "SET NULL" : "SET DEFAULT",
                                 bad_null ? "a nullable column" : "a default"));
    field.on_delete = model::OnDelete::kDoNothing;
  }

  void note_foreign_key(const schema::ForeignKey& fk) {
    if (fk.columns.size() == 1 && catalog_.relation_key(table_, fk.columns[0]) == &fk) return;
    const std::string what =
        fk.columns.size() > 1 ? "a composite foreign key"
                              : "a foreign key to what is neither a model's key nor unique";
    notes_.push_back(fmt::format("foreign key `{}` ({}) -> {} ({}) is {}, which keyway cannot "
                                 "express", fk.name, joined(fk.columns), fk.ref_table,
                                 joined(fk.ref_columns), what));
  }

  void add_checks() {
    for (const schema::Check& check : table_.checks) {
      const auto parsed = parse_choice_check(check.expression);
      Field* field = parsed ? field_for(parsed->column) : nullptr;
      const FieldType type = field && field->is_relation() ? FieldType::kText
                             : field                       ? field->type
                                                           : FieldType::kText;
      const bool fit = parsed && std::all_of(parsed->values.begin(), parsed->values.end(),
                                             [&](const auto& v) { return fits(type, v); });
      if (field && !field->is_relation() && field->choices.empty() && fit) {
        field->choices = parsed->values;
        continue;
      }
      notes_.push_back(fmt::format("check `{}` ({}) is not a list of choices; keyway cannot "
                                   "express it", check.name, check.expression));
    }
  }

  void add_uniques() {
    for (const schema::UniqueKey& unique : table_.uniques) {
      const auto fields = field_names(unique.columns);
      if (!fields) continue;  // cannot happen: every column has a field
      Field* field = unique.columns.size() == 1 ? field_for(unique.columns[0]) : nullptr;
      if (field && !field->primary_key && !field->unique && field->type != FieldType::kOneToOne) {
        if (field->type == FieldType::kForeignKey) {
          field->type = FieldType::kOneToOne;
        } else {
          field->unique = true;
        }
      } else if (unique.columns.size() > 1) {
        model_.unique_together.push_back({*fields, {}});
      } else {
        add_index(unique.name, unique.columns, *fields, true);
      }
    }
  }

  void add_indexes() {
    for (const schema::Index& index : table_.indexes) {
      const auto fields = field_names(index.columns);
      if (!fields) continue;
      Field* field = index.columns.size() == 1 ? field_for(index.columns[0]) : nullptr;
      if (field && !indexed_.contains(field->name)) {
        if (lower_indexes(*field)) {
          indexed_.insert(field->name);
          continue;
        }
        if (!field->is_relation() && !field->unique && !field->primary_key) {
          field->db_index = true;
          indexed_.insert(field->name);
          continue;
        }
      }
      add_index(index.name, index.columns, *fields, false);
    }
  }

  void add_index(const std::string& name, const std::vector<std::string>& columns,
                 const std::vector<std::string>& fields, bool unique) {
    model::IndexSpec spec;
    spec.fields = fields;
    spec.unique = unique;
    if (name != schema::constraint_name(table_.name, columns, unique ? "key" : "idx")) {
      spec.name = name;
    }
    model_.indexes.push_back(std::move(spec));
  }

  // Whether lower() gives this relation field an index of its own.
  static bool lower_indexes(const Field& field) {
    if (field.type != FieldType::kForeignKey && field.type != FieldType::kOneToOne) return false;
    const bool unique = !field.primary_key && (field.unique || field.type == FieldType::kOneToOne);
    return !unique;
  }

  const Catalog& catalog_;
  const std::map<std::string, std::string>& names_;
  const FieldNames& all_names_;
  const TableInfo& info_;
  const schema::Table& table_;
  std::vector<std::string>& notes_;
  model::Model model_;
  std::set<std::string> indexed_;  // fields whose lone index lower() will give
};

}  // namespace

FieldNames name_fields(const Catalog& catalog) {
  FieldNames out;
  for (const TableInfo& info : catalog.tables()) {
    auto& names = out[info.table->name];
    std::set<std::string> taken;
    if (info.key.implicit_id) {
      taken.insert("id");
      if (!info.key.column.empty()) names[info.key.column] = "id";
    }
    // Columns whose name is already a field name keep it; then the others.
    std::vector<std::pair<const Column*, std::string>> rest;
    for (const Column& column : info.table->columns) {
      if (is_implicit_id(info, column)) continue;
      const bool relation = catalog.relation_key(*info.table, column.name) != nullptr;
      std::string wanted = column.name;
      if (relation && wanted.size() > 3 && wanted.ends_with("_id")) {
        wanted = wanted.substr(0, wanted.size() - 3);
      }
      wanted = identifier_from(wanted, "f_");
      if (wanted == column.name && !relation && !taken.contains(wanted)) {
        names[column.name] = claim_name(wanted, taken);
      } else {
        rest.emplace_back(&column, wanted);
      }
    }
    for (const auto& [column, wanted] : rest) names[column->name] = claim_name(wanted, taken);
  }
  return out;
}

model::Model build_model(const Catalog& catalog, const FieldNames& names, const TableInfo& info,
                         std::vector<std::string>& notes) {
  return ModelBuilder(catalog, names, info, notes).build();
}

}  // namespace keyway::raise
