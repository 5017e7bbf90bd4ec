#include <memory>
#include <string>

#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/db_options.h"
#include "cli/diagram_output.h"
#include "cli/schema_json.h"
#include "core/errors.h"
#include "core/model/loader.h"
#include "core/model/yaml_writer.h"
#include "core/raise/raise.h"

namespace keyway::cli {

namespace {

struct InspectOptions {
  DbOptions db;
  std::string format = "yaml";
  std::string out;
  bool junctions = false;
};

model::YamlComments comments_for(const raise::RaisedSchema& raised) {
  model::YamlComments comments;
  comments.header = {"A keyway schema of the live database, written by `keyway inspect`."};
  if (!raised.notes.empty()) {
    comments.header.push_back(
        "A comment above a model says what keyway cannot express about its table;");
    comments.header.push_back("`keyway diff` against this database reports exactly those changes.");
  }
  if (!raised.unmanaged.empty()) {
    comments.header.push_back("Not managed by keyway, left as it is:");
    for (const auto& object : raised.unmanaged) comments.header.push_back("  " + object);
  }
  comments.models = raised.notes;
  return comments;
}

std::string yaml_for(const raise::RaisedSchema& raised) {
  const std::string text = model::write_yaml(raised.schema, comments_for(raised));
  try {
    model::load_schema_text(text, "inspected.yaml");
  } catch (const SchemaError& e) {
    // Names the database allows and keyway does not (two tables differing
    // only in case, identifiers over 63 bytes): the user has to choose.
    spdlog::warn("the inspected schema needs editing before keyway can load it:\n{}", e.what());
  }
  return text;
}

}  // namespace

void add_inspect_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<InspectOptions>();
  auto* cmd = app.add_subcommand("inspect", "Write the live database as a keyway schema");
  add_db_options(*cmd, opts->db);
  cmd->add_option("--format", opts->format,
                  "yaml (a keyway schema), json (the schema IR), mermaid, dot or svg (a diagram)")
      ->check(CLI::IsMember({"yaml", "json", "mermaid", "dot", "svg"}))
      ->capture_default_str();
  cmd->add_option("--out", opts->out, "Write to this file instead of standard output");
  cmd->add_flag("--junctions", opts->junctions,
                "Diagrams: draw many_to_many junction tables instead of one edge");
  cmd->callback([opts, &exit_code] {
    auto driver = open_database(opts->db);
    const schema::Database live = driver->inspect();
    std::string text;
    if (opts->format == "json") {
      text = to_json(live).dump(2) + "\n";
    } else {
      const raise::RaisedSchema raised = raise::raise(live, driver->dialect());
      text = opts->format == "yaml" ? yaml_for(raised)
                                    : draw(raised.schema, opts->format, {opts->junctions});
    }
    write_output(text, opts->out);
    exit_code = 0;
  });
}

}  // namespace keyway::cli
