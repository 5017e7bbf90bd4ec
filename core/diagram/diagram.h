// What an entity-relationship diagram of a schema shows, whatever it is drawn
// with: one entity per model (its columns as lower() maps them, DESIGN.md §2)
// and one relationship per relation field. A many_to_many is drawn between its
// two models; with `junctions`, through its junction table instead.
// mermaid.h and dot.h draw it.
#pragma once

#include <string>
#include <vector>

#include "core/model/model.h"

namespace keyway::diagram {

struct Attribute {
  std::string type;               // keyway's type: big_auto, char(100), ...
  std::string name;               // the column
  std::vector<std::string> keys;  // "PK", "FK", "UK"
};

struct Entity {
  std::string name;               // the model, or the junction table
  std::vector<Attribute> attributes;
};

enum class Cardinality { kOneToOne, kManyToOne, kManyToMany };

struct Relationship {
  std::string from;   // the entity holding the relation (the "many" side)
  std::string to;
  std::string label;  // the field, or the junction's column
  Cardinality kind = Cardinality::kManyToOne;
};

struct Diagram {
  std::vector<Entity> entities;            // models in schema order, then junctions
  std::vector<Relationship> relationships;
};

struct DiagramOptions {
  bool junctions = false;  // draw implicit junction tables and many_to_many through them
};

// Expects a validated schema (as load_schema returns).
Diagram build_diagram(const model::Schema& schema, const DiagramOptions& options = {});

}  // namespace keyway::diagram
