#include "core/schema/lower.h"

#include <algorithm>
#include <numeric>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "core/schema/naming.h"
#include "core/schema/sql_literal.h"

namespace keyway::schema {

namespace {

using model::Field;
using model::FieldType;
using model::Model;

ColumnType column_type(const Field& field) {
  switch (field.type) {
    case FieldType::kAuto: return {TypeKind::kAuto};
    case FieldType::kBigAuto: return {TypeKind::kBigAuto};
    case FieldType::kSmallInteger: return {TypeKind::kSmallInteger};
    case FieldType::kInteger: return {TypeKind::kInteger};
    case FieldType::kBigInteger: return {TypeKind::kBigInteger};
    case FieldType::kBoolean: return {TypeKind::kBoolean};
    case FieldType::kChar: return {TypeKind::kChar, field.max_length.value_or(0)};
    case FieldType::kText: return {TypeKind::kText};
    case FieldType::kDate: return {TypeKind::kDate};
    case FieldType::kDateTime: return {TypeKind::kDateTime};
    case FieldType::kTime: return {TypeKind::kTime};
    case FieldType::kDecimal:
      return {TypeKind::kDecimal, 0, field.max_digits.value_or(0), field.decimal_places.value_or(0)};
    case FieldType::kFloat: return {TypeKind::kFloat};
    case FieldType::kUuid: return {TypeKind::kUuid};
    case FieldType::kJson: return {TypeKind::kJson};
    case FieldType::kBinary: return {TypeKind::kBinary};
    case FieldType::kForeignKey:
    case FieldType::kOneToOne:
    case FieldType::kManyToMany: break;
  }
  return {TypeKind::kBigInteger};
}

// A column that points at `key` holds the same values, without auto increment.
ColumnType referencing_type(const ColumnType& key) {
  if (key.kind == TypeKind::kAuto) return {TypeKind::kInteger};
  if (key.kind == TypeKind::kBigAuto) return {TypeKind::kBigInteger};
  return key;
}

Action action_for(model::OnDelete on_delete) {
  switch (on_delete) {
    case model::OnDelete::kCascade: return Action::kCascade;
    case model::OnDelete::kProtect:
    case model::OnDelete::kRestrict: return Action::kRestrict;
    case model::OnDelete::kSetNull: return Action::kSetNull;
    case model::OnDelete::kSetDefault: return Action::kSetDefault;
    case model::OnDelete::kDoNothing: return Action::kNoAction;
  }
  return Action::kNoAction;
}

Literal literal_for(const model::Value& value) {
  switch (value.kind) {
    case model::Value::Kind::kNull: return {Literal::Kind::kNull, ""};
    case model::Value::Kind::kBool: return {Literal::Kind::kBool, value.text};
    case model::Value::Kind::kNumber: return {Literal::Kind::kNumber, value.text};
    case model::Value::Kind::kString: return {Literal::Kind::kString, value.text};
  }
  return {Literal::Kind::kNull, ""};
}

std::string choice_sql(const model::Value& value) {
  if (value.kind == model::Value::Kind::kString) return quote_sql_string(value.text);
  if (value.kind == model::Value::Kind::kNull) return "NULL";
  return value.text;
}

std::string check_expression(const std::string& column, const std::vector<model::Value>& choices) {
  std::string out = "\"" + column + "\" IN (";
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i) out += ", ";
    out += choice_sql(choices[i]);
  }
  return out + ")";
}

// The primary key a model ends up with: its primary_key field, or implicit id.
struct KeyInfo {
  std::string column;
  ColumnType type;
};

class Lowering {
 public:
  explicit Lowering(const model::Schema& schema) : schema_(schema) {
    facts_.reserve(schema.models.size());
    for (std::size_t i = 0; i < schema.models.size(); ++i) {
      const Model& m = schema.models[i];
      facts_.emplace(m.name, ModelFacts{&m, table_name(m), i, {}});
    }
  }

  // The tables of the models, then the implicit junctions, each written once
  // where it ends up in order of name: the names are known first (the model's
  // table, the junction's), so no table is moved after it is built.
  Database run() {
    std::vector<const std::string*> names;
    names.reserve(facts_.size());
    for (const Model& m : schema_.models) names.push_back(&facts_of(m.name).table);
    // The many_to_many fields, found in one pass over the fields: at 10,000
    // models the fields do not stay in the cache between two passes.
    std::vector<std::pair<const Model*, const Field*>> many_to_many;
    std::vector<std::string> junction_names;
    for (const Model& m : schema_.models) {
      for (const Field& f : m.fields) {
        if (!f.is_many_to_many()) continue;
        many_to_many.emplace_back(&m, &f);
        if (!f.through) junction_names.push_back(junction_table_name(m, f));
      }
    }
    for (const std::string& name : junction_names) names.push_back(&name);
    std::vector<std::size_t> order(names.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return *names[a] < *names[b]; });
    slot_of_.resize(order.size());
    for (std::size_t slot = 0; slot < order.size(); ++slot) slot_of_[order[slot]] = slot;

    Database db;
    db.tables.resize(order.size());
    for (std::size_t i = 0; i < schema_.models.size(); ++i) {
      lower_model(schema_.models[i], db.tables[slot_of_[i]]);
    }
    std::size_t junction = schema_.models.size();
    for (const auto& [m, f] : many_to_many) {
      if (f->through) {
        add_through(db, *m, *f);
      } else {
        Table& j = db.tables[slot_of_[junction]];
        j.name = std::move(junction_names[junction - schema_.models.size()]);
        add_junction(j, *m, *f);
        ++junction;
      }
    }
    return db;
  }

 private:
  // What the fields pointing at a model need of it, found once: going back
  // to the model for each field reads far across memory.
  struct ModelFacts {
    const Model* model = nullptr;
    std::string table;
    std::size_t index = 0;               // in schema_.models
    mutable std::optional<KeyInfo> key;  // key_of's answer, once asked
  };

  const ModelFacts& facts_of(const std::string& model_name) const { return facts_.at(model_name); }
  const Model& model_named(const std::string& name) const { return *facts_of(name).model; }

  const KeyInfo& key_of(const Model& m) const { return key_of(facts_of(m.name)); }
  const KeyInfo& key_of(const ModelFacts& facts) const {
    if (!facts.key) facts.key = find_key(*facts.model);
    return *facts.key;
  }

  KeyInfo find_key(const Model& m) const {
    for (const Field& f : m.fields) {
      if (f.primary_key) return {column_name(f), field_column_type(f)};
    }
    return {"id", {TypeKind::kBigAuto}};
  }

  ColumnType field_column_type(const Field& f) const {
    if (f.type == FieldType::kForeignKey || f.type == FieldType::kOneToOne) {
      KeyInfo to_field;
      return referencing_type(target_key(f, to_field).type);
    }
    return column_type(f);
  }

  // The column a relation field points at: to_field (computed into
  // `to_field`), or the target's key.
  const KeyInfo& target_key(const Field& f, KeyInfo& to_field) const {
    const ModelFacts& target = facts_of(f.to);
    if (f.to_field) {
      if (const Field* tf = target.model->find_field(*f.to_field)) {
        to_field = {column_name(*tf), field_column_type(*tf)};
        return to_field;
      }
    }
    return key_of(target);
  }

  // The model as it was called before a renamed_from hint; its table then
  // followed the naming rule. (A model that keeps an explicit `table:` keeps
  // its table, and the diff ignores a hint whose new name already exists.)
  static Model as_before(const Model& m) {
    Model old = m;
    if (m.renamed_from) {
      old.name = *m.renamed_from;
      old.table.reset();
    }
    return old;
  }

  static std::string old_table_name(const Model& m) {
    return table_name(as_before(m));
  }

  std::string column_of(const Model& m, const std::string& field_name) const {
    const Field* f = m.find_field(field_name);
    return f ? column_name(*f) : field_name;
  }

  // How many columns, keys, indexes and checks a model's table gets, to
  // reserve them exactly. Room for a column per field and an id was too much
  // for models with their own key and for many_to_many fields, which have no
  // column: 180 KB never used at 10,000 models.
  struct Counts {
    std::size_t columns = 0, uniques = 0, indexes = 0, foreign_keys = 0, checks = 0;
  };
  static Counts counts(const Model& m) {
    Counts n;
    bool explicit_key = false;
    for (const Field& f : m.fields) {
      explicit_key = explicit_key || f.primary_key;
      if (!f.has_column()) continue;
      ++n.columns;
      const bool relation = f.type == FieldType::kForeignKey || f.type == FieldType::kOneToOne;
      const bool unique = !f.primary_key && (f.unique || f.type == FieldType::kOneToOne);
      n.uniques += unique;
      n.foreign_keys += relation && f.db_constraint;
      n.indexes += relation ? !unique && f.db_index.value_or(true)
                            : !unique && !f.primary_key && f.db_index.value_or(false);
      n.checks += !f.choices.empty();
    }
    n.columns += !explicit_key;  // the implicit id
    n.uniques += m.unique_together.size();
    for (const auto& spec : m.indexes) (spec.unique ? n.uniques : n.indexes) += 1;
    return n;
  }

  void lower_model(const Model& m, Table& t) {
    t.name = facts_of(m.name).table;
    const Counts n = counts(m);
    t.columns.reserve(n.columns);
    t.uniques.reserve(n.uniques);
    t.indexes.reserve(n.indexes);
    t.foreign_keys.reserve(n.foreign_keys);
    t.checks.reserve(n.checks);
    if (m.renamed_from) t.renamed_from = old_table_name(m);
    const bool explicit_key =
        std::any_of(m.fields.begin(), m.fields.end(), [](const Field& f) { return f.primary_key; });
    if (!explicit_key) {
      Column id{"id", {TypeKind::kBigAuto}};
      id.auto_increment = true;
      t.columns.push_back(std::move(id));
      t.primary_key = {"id"};
    }
    for (const Field& f : m.fields) {
      if (f.has_column()) lower_field(f, t);
    }
    for (const auto& group : m.unique_together) {
      std::vector<std::string> columns;
      columns.reserve(group.fields.size());
      for (const auto& name : group.fields) columns.push_back(column_of(m, name));
      std::string name = constraint_name(t.name, columns, "key");
      t.uniques.push_back({std::move(name), std::move(columns)});
    }
    for (const auto& spec : m.indexes) {
      std::vector<std::string> columns;
      columns.reserve(spec.fields.size());
      for (const auto& name : spec.fields) columns.push_back(column_of(m, name));
      if (spec.unique) {
        std::string name = spec.name.value_or(constraint_name(t.name, columns, "key"));
        t.uniques.push_back({std::move(name), std::move(columns)});
      } else {
        std::string name = spec.name.value_or(constraint_name(t.name, columns, "idx"));
        t.indexes.push_back({std::move(name), std::move(columns)});
      }
    }
  }

  void lower_field(const Field& f, Table& t) {
    Column& c = t.columns.emplace_back();
    c.name = column_name(f);
    c.type = field_column_type(f);
    c.nullable = f.null;
    if (f.renamed_from) c.renamed_from = *f.renamed_from;
    if (f.default_value) c.default_value = literal_for(*f.default_value);
    if (f.type == FieldType::kAuto || f.type == FieldType::kBigAuto) c.auto_increment = true;
    if (f.primary_key) t.primary_key = {c.name};
    if (f.renamed_from && f.is_relation() && !f.db_column) c.renamed_from = *f.renamed_from + "_id";

    const bool relation = f.type == FieldType::kForeignKey || f.type == FieldType::kOneToOne;
    const bool unique = !f.primary_key && (f.unique || f.type == FieldType::kOneToOne);
    if (unique) t.uniques.push_back({column_constraint_name(t.name, c.name, "key"), {c.name}});
    if (relation) {
      if (f.db_constraint) {
        ForeignKey& fk = t.foreign_keys.emplace_back();
        fk.name = column_constraint_name(t.name, c.name, "fkey");
        fk.columns = {c.name};
        fk.ref_table = facts_of(f.to).table;
        KeyInfo to_field;
        fk.ref_columns = {target_key(f, to_field).column};
        fk.on_delete = action_for(f.on_delete.value_or(model::OnDelete::kDoNothing));
        fk.deferrable = f.deferrable;
      }
      if (!unique && f.db_index.value_or(true)) {
        t.indexes.push_back({column_constraint_name(t.name, c.name, "idx"), {c.name}});
      }
    } else if (!unique && !f.primary_key && f.db_index.value_or(false)) {
      t.indexes.push_back({column_constraint_name(t.name, c.name, "idx"), {c.name}});
    }
    if (!f.choices.empty()) {
      t.checks.push_back({column_constraint_name(t.name, c.name, "check"),
                          check_expression(c.name, f.choices)});
    }
  }

  // `implicit_table`: the name of the junction the relation has, or would
  // have without `through`.
  JunctionOrigin origin_for(const Model& owner, const Field& f, std::string implicit_table) const {
    JunctionOrigin o;
    o.model = owner.name;
    o.field = f.name;
    o.source_table = facts_of(owner.name).table;
    o.source_key = key_of(owner).column;
    o.target_table = facts_of(f.to).table;
    o.implicit_table = std::move(implicit_table);
    o.implicit_source_column = junction_source_column(owner, f);
    o.implicit_target_column = junction_target_column(owner, f);
    o.foreign_key_column = f.name + "_id";
    return o;
  }

  // A many_to_many with `through`: that model's table is the junction.
  void add_through(Database& db, const Model& owner, const Field& f) {
    const ModelFacts& through_facts = facts_of(*f.through);
    const Model& through = *through_facts.model;
    Table& t = db.tables[slot_of_[through_facts.index]];
    // The implicit table is named without looking at `through`.
    JunctionOrigin origin = origin_for(owner, f, junction_table_name(owner, f));
    origin.through = true;
    const std::string& target_model = f.to;
    bool source_seen = false;
    for (const Field& tf : through.fields) {
      if (tf.type != FieldType::kForeignKey && tf.type != FieldType::kOneToOne) continue;
      if (tf.to == owner.name && !source_seen) {
        origin.source_column = column_name(tf);
        source_seen = true;
      } else if (tf.to == target_model) {
        origin.target_column = column_name(tf);
      }
    }
    t.junction = std::make_shared<const JunctionOrigin>(std::move(origin));
  }

  // An implicit junction, into `j`, which has its name.
  void add_junction(Table& j, const Model& owner, const Field& f) {
    JunctionOrigin origin = origin_for(owner, f, j.name);
    const KeyInfo& source_key = key_of(owner);
    const KeyInfo& target_key = key_of(facts_of(f.to));
    origin.source_column = origin.implicit_source_column;
    origin.target_column = origin.implicit_target_column;
    j.columns.reserve(3);
    Column id{"id", {TypeKind::kBigAuto}};
    id.auto_increment = true;
    j.columns.push_back(std::move(id));
    j.primary_key = {"id"};
    j.columns.push_back({origin.source_column, referencing_type(source_key.type)});
    j.columns.push_back({origin.target_column, referencing_type(target_key.type)});
    j.foreign_keys.reserve(2);
    for (const auto& [column, table, key] :
         {std::tie(origin.source_column, origin.source_table, source_key.column),
          std::tie(origin.target_column, origin.target_table, target_key.column)}) {
      ForeignKey& fk = j.foreign_keys.emplace_back();
      fk.name = column_constraint_name(j.name, column, "fkey");
      fk.columns = {column};
      fk.ref_table = table;
      fk.ref_columns = {key};
      fk.on_delete = Action::kCascade;
    }
    j.uniques.push_back({constraint_name(j.name, {origin.source_column, origin.target_column}, "key"),
                         {origin.source_column, origin.target_column}});
    j.indexes.push_back({column_constraint_name(j.name, origin.target_column, "idx"),
                         {origin.target_column}});
    j.junction = std::make_shared<const JunctionOrigin>(std::move(origin));
    hint_junction_renames(owner, f, j);
  }

  // When a side of an implicit junction was renamed, its table and columns
  // were named after the old model: hint the renames so the links are kept.
  void hint_junction_renames(const Model& owner, const Field& f, Table& j) const {
    const Model& target = model_named(f.to);
    if (!owner.renamed_from && !target.renamed_from) return;
    const Model old_owner = as_before(owner);
    Field old_field = f;
    if (target.renamed_from && f.to != owner.name) old_field.to = *target.renamed_from;
    if (f.to == owner.name) old_field.to = old_owner.name;
    const std::string old_name =
        f.db_table ? *f.db_table : junction_table_name(old_owner, old_field);
    if (old_name != j.name) j.renamed_from = old_name;
    const std::string old_source = junction_source_column(old_owner, old_field);
    const std::string old_target = junction_target_column(old_owner, old_field);
    if (old_source != j.columns[1].name) j.columns[1].renamed_from = old_source;
    if (old_target != j.columns[2].name) j.columns[2].renamed_from = old_target;
  }

  const model::Schema& schema_;
  std::unordered_map<std::string_view, ModelFacts> facts_;  // by model name
  // Where each table goes in the result: models' by model, then junctions'.
  std::vector<std::size_t> slot_of_;
};

}  // namespace

Database lower(const model::Schema& schema) { return Lowering(schema).run(); }

}  // namespace keyway::schema
