#include "support/case_file.h"

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace keyway::testing {

CaseFile CaseFile::read(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  CaseFile out;
  out.path = path;
  std::string line;
  std::string current;
  while (std::getline(in, line)) {
    if (line.rfind("-- ", 0) == 0 && line.find(' ', 3) == std::string::npos && line.size() > 3 &&
        line.find('.') != std::string::npos) {
      current = line.substr(3);
      out.order.push_back(current);
      out.sections[current];
      continue;
    }
    if (current.empty()) continue;  // a preamble (comments) before the first section
    out.sections[current] += line + "\n";
  }
  return out;
}

void CaseFile::write() const {
  std::ifstream in(path);
  std::stringstream preamble;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("-- ", 0) == 0 && line.find('.') != std::string::npos &&
        line.find(' ', 3) == std::string::npos) {
      break;
    }
    preamble << line << "\n";
  }
  in.close();
  std::ofstream out(path);
  out << preamble.str();
  for (const auto& name : order) out << "-- " << name << "\n" << sections.at(name);
}

std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir,
                                            const std::string& extension) {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == extension) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("keyway-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace keyway::testing
