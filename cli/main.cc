#include "cli/app.h"

int main(int argc, char** argv) { return keyway::cli::run(argc, argv); }
