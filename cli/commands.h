// One function per subcommand; each registers itself on the CLI11 app and
// stores its exit code in `exit_code` when it runs.
#pragma once

#include <CLI/CLI.hpp>

namespace keyway::cli {

void add_validate_command(CLI::App& app, int& exit_code);
void add_diff_command(CLI::App& app, int& exit_code);
void add_apply_command(CLI::App& app, int& exit_code);
void add_generate_command(CLI::App& app, int& exit_code);
void add_migrate_command(CLI::App& app, int& exit_code);
void add_check_command(CLI::App& app, int& exit_code);
void add_lint_command(CLI::App& app, int& exit_code);
void add_inspect_command(CLI::App& app, int& exit_code);
void add_diagram_command(CLI::App& app, int& exit_code);

}  // namespace keyway::cli
