#include "cli/config.h"

#include <cstdlib>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/errors.h"

namespace keyway::cli {

namespace {

ProjectConfig& state() {
  static ProjectConfig config;
  return config;
}

class ConfigReader {
 public:
  explicit ConfigReader(std::filesystem::path file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    const auto mark = node.Mark();
    throw InputError(fmt::format("{}:{}:{}: {}", file_.string(), mark.line + 1, mark.column + 1, message));
  }

  std::string scalar(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, fmt::format("expected a string for {}", what));
    return expand(node, node.Scalar());
  }

  void require_map(const YAML::Node& node, const std::string& what) const {
    if (!node.IsMap()) fail(node, fmt::format("expected a mapping for {}", what));
  }

  // ${VAR} from the environment; an unset variable is an error, not "".
  std::string expand(const YAML::Node& node, const std::string& text) const {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text.compare(i, 2, "${") != 0) {
        out += text[i];
        continue;
      }
      const auto end = text.find('}', i + 2);
      if (end == std::string::npos) fail(node, "unterminated ${ in '" + text + "'");
      const std::string name = text.substr(i + 2, end - i - 2);
      const char* value = std::getenv(name.c_str());
      if (!value) fail(node, fmt::format("environment variable {} is not set", name));
      out += value;
      i = end;
    }
    return out;
  }

 private:
  std::filesystem::path file_;
};

// Paths in keyway.yaml are relative to the file's directory.
std::string relative_to(const std::filesystem::path& file, const std::string& path) {
  const auto dir = file.parent_path();
  if (dir.empty() || std::filesystem::path(path).is_absolute()) return path;
  return (dir / path).string();
}

void read_environment(const ConfigReader& reader, const YAML::Node& env, const std::string& name,
                      ProjectConfig& out) {
  reader.require_map(env, "environment " + name);
  for (const auto& entry : env) {
    const std::string key = entry.first.as<std::string>();
    const std::string what = fmt::format("environments.{}.{}", name, key);
    if (key == "url") {
      out.db_url = reader.scalar(entry.second, what);
    } else if (key == "db_schema") {
      out.db_schema = reader.scalar(entry.second, what);
    } else if (key == "dev_url") {
      out.dev_url = reader.scalar(entry.second, what);
    } else {
      reader.fail(entry.first, fmt::format("unknown key '{}' in environment {} (expected url, "
                                           "db_schema, dev_url)", key, name));
    }
  }
}

ProjectConfig read(const std::filesystem::path& file, const std::string& environment) {
  ProjectConfig out;
  out.file = file;
  const ConfigReader reader(file);
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::ParserException& e) {
    throw InputError(fmt::format("{}:{}:{}: {}", file.string(), e.mark.line + 1, e.mark.column + 1, e.msg));
  } catch (const YAML::Exception& e) {
    throw InputError(fmt::format("cannot read {}: {}", file.string(), e.what()));
  }
  if (root.IsNull()) return out;
  reader.require_map(root, "the project configuration");
  std::string chosen = environment;
  YAML::Node environments;
  for (const auto& entry : root) {
    const std::string key = entry.first.as<std::string>();
    if (key == "schema") {
      out.schema = relative_to(file, reader.scalar(entry.second, key));
    } else if (key == "migrations") {
      out.migrations = relative_to(file, reader.scalar(entry.second, key));
    } else if (key == "default_env") {
      if (chosen.empty()) chosen = reader.scalar(entry.second, key);
    } else if (key == "environments") {
      reader.require_map(entry.second, key);
      environments = entry.second;
    } else if (key == "lint") {
      reader.require_map(entry.second, key);
      for (const auto& level : entry.second) {
        const std::string code = level.first.as<std::string>();
        const std::string value = reader.scalar(level.second, "lint." + code);
        if (value != "error" && value != "warning" && value != "off") {
          reader.fail(level.second, fmt::format("lint level of {} must be error, warning or off, got '{}'",
                                                code, value));
        }
        out.lint_levels[code] = value;
      }
    } else {
      reader.fail(entry.first, fmt::format("unknown key '{}' (expected schema, migrations, "
                                           "default_env, environments, lint)", key));
    }
  }
  if (chosen.empty()) return out;
  if (!environments || !environments[chosen]) {
    std::string known;
    if (environments) {
      for (const auto& e : environments) known += (known.empty() ? "" : ", ") + e.first.as<std::string>();
    }
    throw InputError(fmt::format("{}: no environment '{}' (defined: {})", file.string(), chosen,
                                 known.empty() ? "none" : known));
  }
  out.environment = chosen;
  read_environment(reader, environments[chosen], chosen, out);
  return out;
}

}  // namespace

void load_config(const std::string& path, const std::string& environment) {
  std::filesystem::path file = path;
  if (file.empty()) {
    if (!std::filesystem::exists("keyway.yaml")) {
      if (!environment.empty()) {
        throw InputError(fmt::format("--env {}: there is no keyway.yaml here to define it", environment));
      }
      state() = ProjectConfig{};
      return;
    }
    file = "keyway.yaml";
  } else if (!std::filesystem::exists(file)) {
    throw InputError(fmt::format("--config {}: no such file", path));
  }
  state() = read(file, environment);
}

const ProjectConfig& config() { return state(); }

std::string resolve_schema_path(const std::string& flag) {
  if (!flag.empty()) return flag;
  return config().schema.empty() ? "schemas/" : config().schema;
}

std::string resolve_migrations_dir(const std::string& flag) {
  if (!flag.empty()) return flag;
  return config().migrations.empty() ? "migrations" : config().migrations;
}

std::string resolve_dev_url(const std::string& flag) {
  return flag.empty() ? config().dev_url : flag;
}

}  // namespace keyway::cli
