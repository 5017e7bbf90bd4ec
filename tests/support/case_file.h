// Scripted end-to-end cases in text files with named sections (as Atlas's
// testscript cases): "-- name" on its own line starts a section.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace keyway::testing {

struct CaseFile {
  std::filesystem::path path;
  std::vector<std::string> order;              // section names as they appear
  std::map<std::string, std::string> sections;

  bool has(const std::string& name) const { return sections.count(name) > 0; }
  const std::string& at(const std::string& name) const { return sections.at(name); }

  static CaseFile read(const std::filesystem::path& path);
  // Rewrites the file with `sections` (used with KEYWAY_UPDATE_GOLDEN=1).
  void write() const;
};

// Every file with `extension` under `dir`, sorted.
std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir,
                                            const std::string& extension);

// A fresh directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace keyway::testing
