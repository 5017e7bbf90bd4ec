// The migrations directory of DESIGN.md §4: pairs
// <version>_<name>.up.sql / <version>_<name>.down.sql (version: UTC
// YYYYMMDDHHMMSS) and keyway.sum. Reading it touches only the file system.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace keyway::migrate {

struct MigrationFile {
  std::string version;              // "20261124183000"
  std::string name;                 // "add_posts"
  std::filesystem::path up;         // always present
  std::optional<std::filesystem::path> down;  // absent for a hand-written up-only file
  std::string up_text;
  std::string down_text;            // empty when there is no down file
  std::string checksum;             // sha256_hex(up_text): what history records
};

struct MigrationDir {
  std::filesystem::path dir;
  std::vector<MigrationFile> migrations;  // sorted by version, oldest first
  // Every *.sql file of the directory with its contents, sorted by file name:
  // what keyway.sum covers.
  std::vector<std::pair<std::string, std::string>> files;

  const MigrationFile* find(const std::string& version) const;
  std::string latest_version() const;  // "" when there are none
};

// Reads `dir`. A directory that does not exist holds no migrations. Throws
// InputError naming the file for: a *.sql file whose name is not
// <14 digits>_<name>.up.sql / .down.sql, a down file without its up file,
// two migrations with one version, a file that cannot be read.
MigrationDir read_migrations(const std::filesystem::path& dir);

// "20261124183000" for the UTC time `unix_seconds`, or one second after the
// latest version when that is not earlier, so that versions stay increasing.
std::string next_version(long long unix_seconds, const MigrationDir& existing);

// A migration name: letters, digits, '_' and '-', 1..100 characters.
// Throws InputError otherwise.
void check_migration_name(const std::string& name);

// Writes `text` to `path` through a temporary file in the same directory and
// a rename, so that a reader sees the old file or the new one, never half.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace keyway::migrate
