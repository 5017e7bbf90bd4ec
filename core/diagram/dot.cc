#include "core/diagram/dot.h"

#include <fmt/format.h>

namespace keyway::diagram {

namespace {

// Text inside an HTML-like label.
std::string html(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// A double-quoted DOT identifier.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Arrow shapes at the tail (the entity holding the relation) and the head;
// the first shape of a name is drawn next to the node.
std::pair<const char*, const char*> arrows(Cardinality kind) {
  switch (kind) {
    case Cardinality::kOneToOne: return {"teetee", "teetee"};
    case Cardinality::kManyToOne: return {"crowodot", "teetee"};
    case Cardinality::kManyToMany: return {"crowodot", "crowodot"};
  }
  return {"crowodot", "teetee"};
}

}  // namespace

std::string to_dot(const Diagram& diagram) {
  std::string out =
      "digraph keyway {\n"
      "  graph [rankdir=LR, fontname=\"Helvetica\"];\n"
      "  node [shape=plaintext, fontname=\"Helvetica\", fontsize=10];\n"
      "  edge [dir=both, fontname=\"Helvetica\", fontsize=9];\n";
  for (const Entity& entity : diagram.entities) {
    out += fmt::format(
        "  {} [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\">"
        "<tr><td colspan=\"3\" bgcolor=\"#dddddd\"><b>{}</b></td></tr>",
        quoted(entity.name), html(entity.name));
    for (const Attribute& a : entity.attributes) {
      std::string keys;
      for (const auto& key : a.keys) keys += (keys.empty() ? "" : ", ") + key;
      out += fmt::format(
          "<tr><td align=\"left\">{}</td><td align=\"left\">{}</td><td align=\"left\">{}</td></tr>",
          html(a.name), html(a.type), keys);
    }
    out += "</table>>];\n";
  }
  for (const Relationship& r : diagram.relationships) {
    const auto [tail, head] = arrows(r.kind);
    out += fmt::format("  {} -> {} [label={}, arrowtail={}, arrowhead={}];\n", quoted(r.from),
                       quoted(r.to), quoted(r.label), tail, head);
  }
  return out + "}\n";
}

std::string to_dot(const model::Schema& schema, const DiagramOptions& options) {
  return to_dot(build_diagram(schema, options));
}

}  // namespace keyway::diagram
