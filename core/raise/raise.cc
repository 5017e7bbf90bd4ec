#include "core/raise/raise.h"

#include <set>

#include <fmt/format.h>

#include "core/raise/accessors.h"
#include "core/raise/catalog.h"
#include "core/raise/model_builder.h"
#include "core/raise/names.h"
#include "core/raise/round_trip.h"
#include "core/schema/naming.h"

namespace keyway::raise {

namespace {

model::Model* find_model(model::Schema& schema, const std::string& name) {
  for (model::Model& m : schema.models) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

// The many_to_many field a junction becomes on its owner's model.
model::Field many_to_many_field(const Catalog& catalog, const TableInfo& info,
                                const model::Model& owner) {
  const Junction& j = *info.junction;
  const TableInfo& target = *catalog.find(j.target_table);
  model::Field field;
  field.type = model::FieldType::kManyToMany;
  field.to = target.model;
  std::set<std::string> taken;
  for (const model::Field& f : owner.fields) taken.insert(f.name);
  if (j.through) {
    field.through = info.model;
    field.name = claim_name(plural(schema::lower_ascii(target.model)), taken);
    return field;
  }
  // The field the table is named after (<owner table>_<field>), if it can be.
  const std::string prefix = schema::table_name(owner) + "_";
  const std::string& table = info.table->name;
  std::string wanted = plural(schema::lower_ascii(target.model));
  if (table.starts_with(prefix) && table.size() > prefix.size() &&
      identifier_from(table.substr(prefix.size()), "f_") == table.substr(prefix.size())) {
    wanted = table.substr(prefix.size());
  }
  field.name = claim_name(wanted, taken);
  if (schema::junction_table_name(owner, field) != table) field.db_table = table;
  return field;
}

}  // namespace

RaisedSchema raise(const schema::Database& db, const schema::Dialect& dialect) {
  const Catalog catalog(db, dialect);
  const FieldNames names = name_fields(catalog);
  RaisedSchema out;
  out.unmanaged = db.unmanaged;
  std::map<std::string, std::string> model_of_table;
  for (const TableInfo& info : catalog.tables()) {
    if (info.junction && !info.junction->through) continue;
    std::vector<std::string> notes;
    out.schema.models.push_back(build_model(catalog, names, info, notes));
    model_of_table[info.table->name] = info.model;
    for (const std::string& object : info.table->unmanaged) {
      notes.push_back("not managed by keyway, left as it is: " + object);
    }
    if (!notes.empty()) out.notes[info.model] = std::move(notes);
  }
  for (const TableInfo& info : catalog.tables()) {
    if (!info.junction) continue;
    const std::string& owner_name = catalog.find(info.junction->owner_table)->model;
    model::Model& owner = *find_model(out.schema, owner_name);
    owner.fields.push_back(many_to_many_field(catalog, info, owner));
    if (info.junction->through) continue;
    model_of_table[info.table->name] = owner_name;
    for (const std::string& object : info.table->unmanaged) {
      out.notes[owner_name].push_back(
          fmt::format("not managed by keyway, left as it is: {} (on junction {})", object,
                      info.table->name));
    }
  }
  name_reverse_accessors(out.schema);
  note_round_trip_changes(out, db, dialect, model_of_table);
  return out;
}

}  // namespace keyway::raise
