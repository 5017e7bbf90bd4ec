// A Graphviz graph of a schema (https://graphviz.org/doc/info/lang.html): one
// table-shaped node per entity, crow's-foot arrows as in the Mermaid diagram
// (foreign key: many to exactly one; one_to_one: one to one; many_to_many:
// many to many). `dot -Tsvg` renders it.
#pragma once

#include <string>

#include "core/diagram/diagram.h"
#include "core/model/model.h"

namespace keyway::diagram {

std::string to_dot(const Diagram& diagram);
std::string to_dot(const model::Schema& schema, const DiagramOptions& options = {});

}  // namespace keyway::diagram
