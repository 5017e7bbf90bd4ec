#include "core/diagram/diagram.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/schema/lower.h"
#include "core/schema/naming.h"

namespace keyway::diagram {

namespace {

std::string type_name(const schema::ColumnType& type) {
  if (type.kind == schema::TypeKind::kChar) return fmt::format("char({})", type.length);
  if (type.kind == schema::TypeKind::kDecimal) {
    return fmt::format("decimal({},{})", type.precision, type.scale);
  }
  return schema::to_string(type.kind);
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

Entity entity_for(const std::string& name, const schema::Table& table) {
  Entity entity;
  entity.name = name;
  for (const schema::Column& column : table.columns) {
    Attribute attribute{type_name(column.type), column.name, {}};
    if (contains(table.primary_key, column.name)) attribute.keys.push_back("PK");
    for (const auto& fk : table.foreign_keys) {
      if (fk.columns == std::vector<std::string>{column.name}) {
        attribute.keys.push_back("FK");
        break;
      }
    }
    for (const auto& unique : table.uniques) {
      if (unique.columns == std::vector<std::string>{column.name}) {
        attribute.keys.push_back("UK");
        break;
      }
    }
    entity.attributes.push_back(std::move(attribute));
  }
  return entity;
}

}  // namespace

Diagram build_diagram(const model::Schema& schema, const DiagramOptions& options) {
  const schema::Database lowered = schema::lower(schema);
  Diagram out;
  for (const model::Model& m : schema.models) {
    if (const schema::Table* table = lowered.find_table(schema::table_name(m))) {
      out.entities.push_back(entity_for(m.name, *table));
    }
  }
  for (const model::Model& m : schema.models) {
    for (const model::Field& f : m.fields) {
      if (f.type == model::FieldType::kForeignKey) {
        out.relationships.push_back({m.name, f.to, f.name, Cardinality::kManyToOne});
      } else if (f.type == model::FieldType::kOneToOne) {
        out.relationships.push_back({m.name, f.to, f.name, Cardinality::kOneToOne});
      } else if (f.is_many_to_many() && !options.junctions) {
        out.relationships.push_back({m.name, f.to, f.name, Cardinality::kManyToMany});
      } else if (f.is_many_to_many() && !f.through) {
        const std::string junction = schema::junction_table_name(m, f);
        if (const schema::Table* table = lowered.find_table(junction)) {
          out.entities.push_back(entity_for(junction, *table));
        }
        out.relationships.push_back({junction, m.name, schema::junction_source_column(m, f),
                                     Cardinality::kManyToOne});
        out.relationships.push_back({junction, f.to, schema::junction_target_column(m, f),
                                     Cardinality::kManyToOne});
      }
    }
  }
  return out;
}

}  // namespace keyway::diagram
