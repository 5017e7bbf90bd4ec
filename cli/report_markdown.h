// `keyway diff --format markdown`: ready to post as a pull-request comment.
// A summary line, a table of the changes, warnings called out, the SQL in a
// fenced block.
#pragma once

#include <string>

#include "backends/driver.h"
#include "cli/pipeline.h"

namespace keyway::cli {

std::string diff_markdown(const Comparison& comparison, const backends::Driver& driver);

// Text safe inside a Markdown table cell ('|' and newlines escaped).
std::string markdown_cell(const std::string& text);

}  // namespace keyway::cli
