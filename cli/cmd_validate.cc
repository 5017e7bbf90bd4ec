#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/pipeline.h"
#include "core/schema/lower.h"

namespace keyway::cli {

void add_validate_command(CLI::App& app, int& exit_code) {
  auto path = std::make_shared<std::string>("schemas/");
  auto* cmd = app.add_subcommand("validate", "Check the YAML schema and report every problem");
  cmd->add_option("--schema", *path, "Schema file or directory of *.yaml")->capture_default_str();
  cmd->callback([path, &exit_code] {
    const model::Schema schema = load(*path);
    const schema::Database db = schema::lower(schema);
    std::size_t relations = 0;
    for (const auto& m : schema.models) {
      for (const auto& f : m.fields) relations += f.is_relation() ? 1 : 0;
    }
    std::cout << fmt::format("{}: valid ({} models, {} relations, {} tables)\n", *path,
                             schema.models.size(), relations, db.tables.size());
    exit_code = 0;
  });
}

}  // namespace keyway::cli
