// The command line: a table of subcommands, each in its own file.
#pragma once

namespace keyway::cli {

// Parses the arguments, runs one command, and returns the exit code of
// DESIGN.md §5 (0 ok, 1 pending changes, 2 bad input, 3 database failure).
int run(int argc, char** argv);

}  // namespace keyway::cli
