#include "cli/app.h"

#include <iostream>

#include <CLI/CLI.hpp>
#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/logging.h"
#include "core/errors.h"

namespace keyway::cli {

int run(int argc, char** argv) {
  CLI::App app{"keyway: keeps a database in step with a YAML description of its models"};
  app.set_version_flag("--version", std::string("keyway ") + KEYWAY_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // the options below also after the command's name
  bool verbose = false;
  bool quiet = false;
  std::string log_format = "text";
  std::string config_path;
  std::string environment;
  app.add_flag("-v,--verbose", verbose, "Log more (each query keyway runs)")->configurable(false);
  app.add_flag("-q,--quiet", quiet, "Log errors only");
  app.add_option("--log-format", log_format, "Log lines on standard error as text or JSON")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--config", config_path, "Project configuration (default: ./keyway.yaml if present)");
  app.add_option("--env", environment, "Environment of keyway.yaml to use");
  setup_logging(0, LogFormat::kText);
  app.parse_complete_callback([&] {
    setup_logging(verbose ? 1 : quiet ? -1 : 0, log_format == "json" ? LogFormat::kJson : LogFormat::kText);
    load_config(config_path, environment);
  });

  // An error ends the run: "error: ..." on standard error, or a JSON log line.
  const auto fail = [&](const std::string& message) {
    if (log_format == "json") {
      spdlog::error(message);
    } else {
      std::cerr << "error: " << mask_secrets(message) << "\n";
    }
  };

  int exit_code = 0;
  add_validate_command(app, exit_code);
  add_diff_command(app, exit_code);
  add_apply_command(app, exit_code);
  add_generate_command(app, exit_code);
  add_migrate_command(app, exit_code);
  add_check_command(app, exit_code);
  add_lint_command(app, exit_code);
  add_inspect_command(app, exit_code);
  add_diagram_command(app, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::kBadInput);
  } catch (const SchemaError& e) {
    std::string text;
    for (const auto& d : e.diagnostics()) text += d.to_string() + "\n";
    const auto n = e.diagnostics().size();
    if (log_format == "json") {
      fail(text + "the schema has " + std::to_string(n) + " problem" + (n == 1 ? "" : "s"));
    } else {
      std::cerr << mask_secrets(text) << "error: the schema has " << n << " problem" << (n == 1 ? "" : "s") << "\n";
    }
    return static_cast<int>(e.code());
  } catch (const Error& e) {
    fail(e.what());
    return static_cast<int>(e.code());
  } catch (const soci::soci_error& e) {
    fail(std::string("database: ") + e.what());
    return static_cast<int>(ExitCode::kDatabase);
  } catch (const std::exception& e) {
    fail(e.what());
    return static_cast<int>(ExitCode::kDatabase);
  }
  return exit_code;
}

}  // namespace keyway::cli
