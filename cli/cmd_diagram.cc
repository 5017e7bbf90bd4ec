#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/diagram_output.h"
#include "cli/pipeline.h"

namespace keyway::cli {

namespace {
struct DiagramCommandOptions {
  std::string schema;  // empty: keyway.yaml's, then schemas/
  std::string format = "mermaid";
  std::string out;
  bool junctions = false;
};
}  // namespace

void add_diagram_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<DiagramCommandOptions>();
  auto* cmd = app.add_subcommand("diagram", "Draw the schema's models and relations");
  cmd->add_option("--schema", opts->schema,
                  "Schema file or directory of *.yaml (default: keyway.yaml's, then schemas/)");
  cmd->add_option("--format", opts->format, "mermaid (erDiagram), dot (Graphviz) or svg (needs dot)")
      ->check(CLI::IsMember({"mermaid", "dot", "svg"}))
      ->capture_default_str();
  cmd->add_option("--out", opts->out, "Write to this file instead of standard output");
  cmd->add_flag("--junctions", opts->junctions,
                "Draw many_to_many junction tables instead of one edge between the two models");
  cmd->callback([opts, &exit_code] {
    const model::Schema schema = load(opts->schema);
    write_output(draw(schema, opts->format, {opts->junctions}), opts->out);
    exit_code = 0;
  });
}

}  // namespace keyway::cli
