// A Mermaid `erDiagram` of a schema (https://mermaid.js.org/syntax/entityRelationshipDiagram.html):
// one-to-one `||--||`, foreign key `}o--||`, many-to-many `}o--o{`.
// A ```mermaid block of it renders on GitHub and GitLab.
#pragma once

#include <string>

#include "core/diagram/diagram.h"
#include "core/model/model.h"

namespace keyway::diagram {

std::string to_mermaid(const Diagram& diagram);
std::string to_mermaid(const model::Schema& schema, const DiagramOptions& options = {});

}  // namespace keyway::diagram
