#include "core/diagram/mermaid.h"

#include <cctype>

#include <fmt/format.h>

namespace keyway::diagram {

namespace {

// Mermaid entity and attribute names are words: [A-Za-z_][A-Za-z0-9_-]*.
std::string word(const std::string& text) {
  std::string out;
  for (char c : text) {
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ? c : '_';
  }
  if (out.empty() || !(std::isalpha(static_cast<unsigned char>(out[0])) || out[0] == '_')) {
    out = "_" + out;
  }
  return out;
}

const char* connector(Cardinality kind) {
  switch (kind) {
    case Cardinality::kOneToOne: return "||--||";
    case Cardinality::kManyToOne: return "}o--||";
    case Cardinality::kManyToMany: return "}o--o{";
  }
  return "}o--||";
}

std::string label(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '"' ? '\'' : c;
  return "\"" + out + "\"";
}

}  // namespace

std::string to_mermaid(const Diagram& diagram) {
  std::string out = "erDiagram\n";
  for (const Entity& entity : diagram.entities) {
    out += fmt::format("    {} {{\n", word(entity.name));
    for (const Attribute& a : entity.attributes) {
      // Mermaid types are single words: char(100) is drawn as char.
      out += fmt::format("        {} {}", word(a.type.substr(0, a.type.find('('))), word(a.name));
      for (std::size_t i = 0; i < a.keys.size(); ++i) out += (i ? ", " : " ") + a.keys[i];
      out += "\n";
    }
    out += "    }\n";
  }
  for (const Relationship& r : diagram.relationships) {
    out += fmt::format("    {} {} {} : {}\n", word(r.from), connector(r.kind), word(r.to),
                       label(r.label));
  }
  return out;
}

std::string to_mermaid(const model::Schema& schema, const DiagramOptions& options) {
  return to_mermaid(build_diagram(schema, options));
}

}  // namespace keyway::diagram
