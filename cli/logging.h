// Logging for people and for pipelines: spdlog to standard error, as text or
// as one JSON object per line (--log-format json), levels from -q / -v.
// Every line passes through mask_secrets(), so a password in a URL never
// reaches a log, whatever wrote it.
#pragma once

#include <string>

namespace keyway::cli {

enum class LogFormat { kText, kJson };

// -v: debug (each statement as it runs); default: info; -q: errors only.
void setup_logging(int verbosity, LogFormat format);

// The text with the password of every URL in it ("scheme://user:secret@")
// and every libpq "password=..." replaced by "***".
std::string mask_secrets(const std::string& text);

}  // namespace keyway::cli
