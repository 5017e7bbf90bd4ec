// keyway.sum: a checksum of every migration file, chained, so that an edited,
// added or missing file is caught before anything runs, and two branches that
// both add migrations conflict in git (both change the total line and append
// at the same place) instead of merging silently.
//
//   keyway-sum v1 <total>
//   <file name> <hash>
//   ...
//
// The files are listed in name order (version order). The hash of entry i is
// sha256_hex(hash of entry i-1 + "\n" + file name + "\n" + file contents),
// starting from "" for the first; <total> is the last hash. With no files the
// header is just "keyway-sum v1".
#pragma once

#include <string>
#include <vector>

#include "core/migrate/migration_dir.h"

namespace keyway::migrate {

inline constexpr const char* kSumFileName = "keyway.sum";

// What keyway.sum should hold for the directory's files.
std::string sum_text(const MigrationDir& dir);

// Compares keyway.sum in the directory with its files. Empty when they
// match (or when there are no migrations and no sum file). Otherwise one
// message per problem, each naming the file (names relative to the directory),
// in the order of the sum's lines, then the files it does not list:
//   keyway.sum is missing
//   keyway.sum line 1: cannot read "<line>"; expected "keyway-sum v1 <total>"
//   keyway.sum line 1: the total is not the hash of the last line
//   keyway.sum line 3: cannot read "<line>"; expected "<file name> <hash>"
//   keyway.sum line 3: 2026..._x.up.sql is listed twice
//   keyway.sum lists 2026..._x.down.sql, which is missing
//   2026..._x.up.sql was edited after keyway.sum was written
//   keyway.sum line 4: 2026..._y.up.sql was hashed without 2026..._x.up.sql
//     before it (merged from another branch?)
//   2026..._x.up.sql is not in keyway.sum
//   cannot read <dir>/keyway.sum: <reason>
// Each entry is checked against the hash of the line above it, so an edit is
// reported for that file alone.
std::vector<std::string> verify_sum(const MigrationDir& dir);

}  // namespace keyway::migrate
