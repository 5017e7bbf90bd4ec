// `keyway diff --format json`: version 1 of the shape docs/json-format.md
// describes. Stable across runs: plan order, no timestamps.
#pragma once

#include <nlohmann/json.hpp>

#include "backends/driver.h"
#include "cli/pipeline.h"

namespace keyway::cli {

inline constexpr int kJsonFormatVersion = 1;

nlohmann::ordered_json diff_json(const Comparison& comparison, const backends::Driver& driver);

// A plan step as JSON: number, summary, table, sql, reverse, flags, checks.
nlohmann::ordered_json step_json(const plan::Step& step, std::size_t number);

}  // namespace keyway::cli
