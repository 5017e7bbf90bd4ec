#include "cli/app.h"

#include <iostream>

#include <CLI/CLI.hpp>
#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "core/errors.h"

namespace keyway::cli {

int run(int argc, char** argv) {
  CLI::App app{"keyway: keeps a database in step with a YAML description of its models"};
  app.set_version_flag("--version", std::string("keyway ") + KEYWAY_VERSION);
  app.require_subcommand(1);
  bool verbose = false;
  bool quiet = false;
  app.add_flag("-v,--verbose", verbose, "Log each step")->configurable(false);
  app.add_flag("-q,--quiet", quiet, "Log errors only");
  app.parse_complete_callback([&] {
    spdlog::set_level(verbose ? spdlog::level::debug : quiet ? spdlog::level::err : spdlog::level::warn);
  });

  int exit_code = 0;
  add_validate_command(app, exit_code);
  add_diff_command(app, exit_code);
  add_apply_command(app, exit_code);
  add_generate_command(app, exit_code);
  add_migrate_command(app, exit_code);
  add_check_command(app, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::kBadInput);
  } catch (const SchemaError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << d.to_string() << "\n";
    std::cerr << "error: the schema has " << e.diagnostics().size() << " problem"
              << (e.diagnostics().size() == 1 ? "" : "s") << "\n";
    return static_cast<int>(e.code());
  } catch (const Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return static_cast<int>(e.code());
  } catch (const soci::soci_error& e) {
    std::cerr << "error: database: " << e.what() << "\n";
    return static_cast<int>(ExitCode::kDatabase);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::kDatabase);
  }
  return exit_code;
}

}  // namespace keyway::cli
