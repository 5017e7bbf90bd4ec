#include "core/model/loader.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "core/model/field_reader.h"
#include "core/model/validator.h"
#include "core/model/yaml_reader.h"
#include "core/model/yaml_tree.h"

namespace keyway::model {

namespace {

constexpr const char* kNotIdentifier =
    "is not an identifier (letters, digits and underscores, not starting with a digit)";

// The models of one or more files, each with where its parts were written.
struct Loaded {
  std::vector<Model> models;
  std::vector<ModelSource> sources;
};

// Reads one YAML document (DESIGN.md §1) into models; reports what it cannot read.
class DocumentReader {
 public:
  DocumentReader(YamlReader& reader, const LoadOptions& options)
      : reader_(reader), options_(options) {}

  void read(const std::string& text, Loaded& out) {
    // The models are read as the parser hands them over, into `streamed` and
    // `streamed_diagnostics`, and taken once the whole text has parsed (a
    // syntax error leaves nothing to read) where read_top() would read them.
    // Bad and repeated names are reported before what the models' reading
    // reports, as when the whole mapping was checked first.
    Loaded streamed;
    std::vector<Diagnostic> streamed_diagnostics;
    std::vector<Diagnostic> model_diagnostics;
    YamlReader names_reader(reader_.file(), streamed_diagnostics);
    YamlReader models_reader(reader_.file(), model_diagnostics);
    KeySieve model_names(names_reader, "in models", "model name");
    const StreamedMapping models{"models", [&](const YamlNode& key, const YamlNode& value) {
                                   if (!model_names.keep(key)) return;
                                   DocumentReader(models_reader, options_)
                                       .read_model_entry(Entry{key.text(), &key, &value},
                                                         std::nullopt, streamed);
                                 }};
    const ParsedYaml parsed = parse_yaml(text, &models);
    if (parsed.error) {
      reader_.report(reader_.at(parsed.error->mark), "invalid YAML: " + parsed.error->message);
      return;
    }
    for (auto& diagnostic : model_diagnostics) {
      streamed_diagnostics.push_back(std::move(diagnostic));
    }
    streamed_ = parsed.streamed ? &streamed : nullptr;
    streamed_diagnostics_ = &streamed_diagnostics;
    const std::vector<YamlNode>& documents = parsed.documents;
    if (documents.empty()) {
      reader_.report(SourceLocation{reader_.file(), 1, 1},
                     "expected a mapping for the document, got an empty file");
      return;
    }
    if (documents.size() > 1) {
      reader_.report(documents[1], fmt::format("expected one YAML document, got {}",
                                               documents.size()));
    }
    read_top(documents[0], out);
  }

 private:
  void read_top(const YamlNode& root, Loaded& out) {
    const auto entries = reader_.mapping(root, "the document", "at the top level");
    if (!entries) return;
    std::optional<std::string> app;
    const Entry* models = nullptr;
    for (const auto& entry : *entries) {
      if (entry.key == "version") {
        const YamlNode& v = *entry.value;
        if (!v.is_scalar() || !v.plain() || v.text() != "1") {
          reader_.expected(entry, "", "the number 1");
        }
      } else if (entry.key == "app") {
        app = reader_.string(entry, "");
      } else if (entry.key == "models") {
        models = &entry;
      } else {
        reader_.report(*entry.key_node,
                       fmt::format("unknown key '{}' at the top level", entry.key));
      }
    }
    if (!models) {
      reader_.report(root, "missing key 'models' at the top level");
      return;
    }
    if (streamed_) {  // `models` was read while parsing: its node has no entries
      for (auto& diagnostic : *streamed_diagnostics_) {
        reader_.report(std::move(diagnostic.where), std::move(diagnostic.message));
      }
      out.models.reserve(out.models.size() + streamed_->models.size());
      out.sources.reserve(out.sources.size() + streamed_->sources.size());
      for (std::size_t i = 0; i < streamed_->models.size(); ++i) {
        streamed_->models[i].app = app;
        // The model was checked without its app, which names its tables.
        if (app && !app->empty()) {
          check_model(streamed_->models[i], streamed_->sources[i], options_);
        }
        out.models.push_back(std::move(streamed_->models[i]));
        out.sources.push_back(std::move(streamed_->sources[i]));
      }
      return;
    }
    const auto model_entries =
        reader_.mapping(*models, "models", "in models", "model name");
    if (!model_entries) return;
    out.models.reserve(out.models.size() + model_entries->size());
    out.sources.reserve(out.sources.size() + model_entries->size());
    for (const auto& entry : *model_entries) read_model_entry(entry, app, out);
  }

  void read_model_entry(const Entry& entry, const std::optional<std::string>& app, Loaded& out) {
    Model model;
    ModelSource source;
    model.name = entry.key;
    model.where = reader_.at(*entry.key_node);
    model.app = app;
    if (!is_identifier(model.name)) {
      reader_.report(model.where, fmt::format("model name '{}' {}", model.name, kNotIdentifier));
    }
    read_model(entry, model, source);
    check_model(model, source, options_);
    out.models.push_back(std::move(model));
    out.sources.push_back(std::move(source));
  }

  void read_model(const Entry& model_entry, Model& model, ModelSource& source) {
    const Phrase subject("model", model.name);
    const auto entries = reader_.mapping(model_entry, subject, Phrase("in model", model.name));
    if (!entries) return;
    for (const auto& entry : *entries) {
      if (entry.key == "fields") {
        read_fields(entry, model, source);
      } else if (entry.key == "table") {
        model.table = reader_.string(entry, subject);
        source.values.set("table", entry.mark());
      } else if (entry.key == "renamed_from") {
        model.renamed_from = reader_.string(entry, subject);
        source.values.set("renamed_from", entry.mark());
      } else if (entry.key == "unique_together") {
        read_unique_together(*entry.value, subject, model, source);
      } else if (entry.key == "indexes") {
        read_indexes(*entry.value, subject, model, source);
      } else {
        reader_.report(*entry.key_node,
                       fmt::format("unknown key '{}' in {}", entry.key, subject.text()));
      }
    }
  }

  void read_fields(const Entry& fields_entry, Model& model, ModelSource& source) {
    const auto entries = reader_.mapping(fields_entry, Phrase("the fields", "", model.name),
                                         Phrase("in the fields", "", model.name), "field name");
    if (!entries) return;
    model.fields.reserve(entries->size());
    source.fields.reserve(entries->size());
    for (const auto& entry : *entries) {
      if (!is_identifier(entry.key)) {
        reader_.report(*entry.key_node, fmt::format("field name '{}' in model '{}' {}", entry.key,
                                                   model.name, kNotIdentifier));
      }
      FieldSource field_source;
      model.fields.push_back(read_field(reader_, entry, model.name, field_source));
      source.fields.push_back(std::move(field_source));
    }
  }

  // A list of field-name lists, or one flat list of field names as one group.
  void read_unique_together(const YamlNode& node, const Phrase& subject, Model& model,
                            ModelSource& source) {
    const auto is_scalar = [](const YamlNode& item) { return item.is_scalar(); };
    const auto is_list = [](const YamlNode& item) { return item.is_sequence(); };
    const auto& items = node.children();
    if (!node.is_sequence() || !(std::all_of(items.begin(), items.end(), is_scalar) ||
                                 std::all_of(items.begin(), items.end(), is_list))) {
      reader_.expected(node, subject, "a list of field-name lists", "unique_together");
      return;
    }
    if (items.empty()) return;
    std::vector<const YamlNode*> groups;
    if (items[0].is_scalar()) {
      groups.push_back(&node);
    } else {
      for (const auto& group : items) groups.push_back(&group);
    }
    for (const YamlNode* group : groups) {
      if (auto names = reader_.names(*group, subject, "unique_together")) {
        model.unique_together.push_back(
            UniqueTogether{std::move(names->names), reader_.at(*group)});
        source.unique_together.push_back(std::move(names->where));
      }
    }
  }

  void read_indexes(const YamlNode& node, const Phrase& model_subject, Model& model,
                    ModelSource& source) {
    if (!node.is_sequence()) {
      reader_.expected(node, model_subject, "a list of indexes", "indexes");
      return;
    }
    int number = 0;
    for (const auto& item : node.children()) {
      ++number;
      const Phrase subject(fmt::format("index {}", number), "", model.name);
      const Phrase context(fmt::format("in index {}", number), "", model.name);
      const auto entries = reader_.mapping(item, subject, context);
      if (!entries) continue;
      IndexSpec index;
      index.where = reader_.at(item);
      SourceLocation name_where = index.where;
      std::optional<NameList> fields;
      bool has_fields = false;
      for (const auto& entry : *entries) {
        if (entry.key == "fields") {
          has_fields = true;
          fields = reader_.names(*entry.value, subject, "fields");
        } else if (entry.key == "name") {
          index.name = reader_.string(entry, subject);
          name_where = reader_.at(entry);
        } else if (entry.key == "unique") {
          index.unique = reader_.boolean(entry, subject).value_or(false);
        } else {
          reader_.report(*entry.key_node,
                         fmt::format("unknown key '{}' in {}", entry.key, subject.text()));
        }
      }
      if (!has_fields) reader_.report(item, subject.text() + ": missing key 'fields'");
      if (!fields) continue;
      index.fields = std::move(fields->names);
      model.indexes.push_back(std::move(index));
      source.index_fields.push_back(std::move(fields->where));
      source.index_names.push_back(name_where);
    }
  }

  YamlReader& reader_;
  const LoadOptions& options_;
  Loaded* streamed_ = nullptr;  // the models read while parsing, when they were
  std::vector<Diagnostic>* streamed_diagnostics_ = nullptr;
};

void read_document(const std::string& text, const std::string& file_name,
                   const LoadOptions& options, std::vector<Diagnostic>& diagnostics, Loaded& out) {
  YamlReader reader(file_name, diagnostics);
  DocumentReader(reader, options).read(text, out);
}

// Merges the models of every file, validates, and throws every diagnostic at once.
Schema finish(std::vector<Loaded> files, std::vector<Diagnostic> diagnostics,
              const LoadOptions& options) {
  Schema schema;
  std::vector<ModelSource> sources;
  // model name -> its place in schema.models, which is reserved: the names stay put
  std::unordered_map<std::string_view, std::size_t> defined;
  std::size_t total = 0;
  for (const auto& file : files) total += file.models.size();
  schema.models.reserve(total);
  sources.reserve(total);
  defined.reserve(total);
  for (auto& file : files) {
    for (std::size_t i = 0; i < file.models.size(); ++i) {
      Model& model = file.models[i];
      if (const auto first = defined.find(model.name); first != defined.end()) {
        diagnostics.push_back(Diagnostic{
            model.where, fmt::format("model '{}' is already defined at {}", model.name,
                                     schema.models[first->second].where.to_string())});
        continue;
      }
      schema.models.push_back(std::move(model));
      defined.emplace(schema.models.back().name, schema.models.size() - 1);
      sources.push_back(std::move(file.sources[i]));
    }
  }
  for (auto& diagnostic : validate(schema, sources, options)) {
    diagnostics.push_back(std::move(diagnostic));
  }
  if (!diagnostics.empty()) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                       return std::tie(a.where.file, a.where.line, a.where.column) <
                              std::tie(b.where.file, b.where.line, b.where.column);
                     });
    throw SchemaError(std::move(diagnostics));
  }
  return schema;
}

bool is_yaml_file(const std::filesystem::directory_entry& entry) {
  const auto extension = entry.path().extension();
  return entry.is_regular_file() && (extension == ".yaml" || extension == ".yml");
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) throw InputError(fmt::format("cannot read schema file '{}'", path.string()));
  return text.str();
}

}  // namespace

Schema load_schema(const std::filesystem::path& path, const LoadOptions& options) {
  std::error_code error;
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(path, error)) {
    for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
      if (is_yaml_file(entry)) files.push_back(entry.path());
    }
    if (error) {
      throw InputError(fmt::format("cannot list schema directory '{}': {}", path.string(),
                                   error.message()));
    }
    if (files.empty()) {
      throw InputError(fmt::format("schema directory '{}' has no *.yaml files", path.string()));
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
      return a.filename().string() < b.filename().string();
    });
  } else if (std::filesystem::exists(path, error)) {
    files.push_back(path);
  } else {
    throw InputError(fmt::format("schema path '{}' does not exist", path.string()));
  }

  std::vector<Diagnostic> diagnostics;
  std::vector<Loaded> loaded(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    read_document(read_file(files[i]), files[i].string(), options, diagnostics, loaded[i]);
  }
  return finish(std::move(loaded), std::move(diagnostics), options);
}

Schema load_schema_text(const std::string& text, const std::string& file_name,
                        const LoadOptions& options) {
  std::vector<Diagnostic> diagnostics;
  std::vector<Loaded> loaded(1);
  read_document(text, file_name, options, diagnostics, loaded[0]);
  return finish(std::move(loaded), std::move(diagnostics), options);
}

}  // namespace keyway::model
