// What `keyway diagram` and `keyway inspect` share: a schema drawn as Mermaid,
// Graphviz DOT or (with Graphviz's `dot` on PATH) SVG, and the text written
// to standard output or, atomically, to --out.
#pragma once

#include <string>

#include "core/diagram/diagram.h"
#include "core/model/model.h"

namespace keyway::cli {

// "mermaid" | "dot" | "svg". Throws InputError for svg when `dot` is not on PATH.
std::string draw(const model::Schema& schema, const std::string& format,
                 const diagram::DiagramOptions& options);

// `text` to standard output when `out_path` is empty, else to that file
// through a temporary file and a rename.
void write_output(const std::string& text, const std::string& out_path);

}  // namespace keyway::cli
