// Each statement apply and migrate run, logged with its elapsed time as it
// finishes ("[3/12] 14 ms  CREATE TABLE ..."); on a terminal, a progress line
// ("running 4 of 12: ALTER TABLE ...") stays under them while one runs.
#pragma once

#include "backends/progress.h"

namespace keyway::cli {

backends::StatementProgress statement_progress();

}  // namespace keyway::cli
