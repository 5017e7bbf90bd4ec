#include "core/model/validator.h"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "core/schema/naming.h"

namespace keyway::model {

void OptionLocations::set(std::string_view option, YamlMark where) {
  for (auto& [name, place] : entries_) {
    if (name == option) {
      place = where;
      return;
    }
  }
  entries_.emplace_back(option, where);
}

SourceLocation OptionLocations::at(std::string_view option,
                                   const SourceLocation& fallback) const {
  const YamlMark* found = find(option);
  if (!found) return fallback;
  return SourceLocation{fallback.file, found->line + 1, found->column + 1};  // marks are 0-based
}

const YamlMark* OptionLocations::find(std::string_view option) const {
  for (const auto& [name, place] : entries_) {
    if (name == option) return &place;
  }
  return nullptr;
}

namespace {

using schema::lower_ascii;

bool has_explicit_primary_key(const Model& model) {
  for (const auto& field : model.fields) {
    if (field.primary_key) return true;
  }
  return false;
}

// A field of `model`, counting the implicit `id` when no field is the key.
bool has_field_named(const Model& model, const std::string& name) {
  return model.find_field(name) || (name == "id" && !has_explicit_primary_key(model));
}

bool is_self_relation(const Model& model, const Field& field) { return field.to == model.name; }

bool has_junction(const Field& field) {
  return field.is_many_to_many() && !field.through && !field.to.empty();
}

// Django's reverse accessor on the target, if there is one: related_name
// ('+' at the end hides it), else <model lower> for one_to_one and
// <model lower>_set for the others; a symmetrical self many_to_many has none.
std::optional<std::string> reverse_accessor(const Model& model, const Field& field) {
  if (field.related_name) {
    if (field.related_name->ends_with('+')) return std::nullopt;
    return *field.related_name;
  }
  if (field.is_many_to_many() && is_self_relation(model, field) &&
      field.symmetrical.value_or(true)) {
    return std::nullopt;
  }
  const std::string base = lower_ascii(model.name);
  return field.type == FieldType::kOneToOne ? base : base + "_set";
}

// The checks that need one model only. The loader runs them on each model as
// it is read, while its data is still in the CPU's caches; validate() runs
// them on a model the loader has not checked.
class ModelChecks {
 public:
  explicit ModelChecks(const LoadOptions& options) : limit_(options.max_identifier_length) {}

  // The checks that validate() runs before a model's relations, and after.
  void before_relations(const Model& model, const ModelSource& source) {
    check_renames(model, source);
    check_primary_keys(model);
    check_columns(model, source);
    check_identifier_lengths(model, source);
  }
  void after_relations(const Model& model, const ModelSource& source) {
    check_field_lists(model, source);
  }

  std::vector<Diagnostic> take() { return std::exchange(diagnostics_, {}); }

 protected:
  void report(SourceLocation where, std::string message) {
    diagnostics_.push_back(Diagnostic{std::move(where), std::move(message)});
  }

  static std::string field_subject(const Model& model, const Field& field) {
    return fmt::format("field '{}' of model '{}'", field.name, model.name);
  }

  void check_renames(const Model& model, const ModelSource& source) {
    if (model.renamed_from == model.name) {
      report(source.at("renamed_from", model.where),
             fmt::format("model '{}': renamed_from is the model's current name", model.name));
    }
    for (std::size_t j = 0; j < model.fields.size(); ++j) {
      const Field& field = model.fields[j];
      if (field.renamed_from == field.name) {
        report(source.fields[j].at("renamed_from", field.where),
               field_subject(model, field) + ": renamed_from is the field's current name");
      }
    }
  }

  void check_primary_keys(const Model& model) {
    const Field* first = nullptr;
    for (const auto& field : model.fields) {
      if (!field.primary_key) continue;
      if (first) {
        report(field.where, fmt::format("model '{}' has more than one primary key: '{}' and '{}'",
                                        model.name, first->name, field.name));
      } else {
        first = &field;
      }
    }
  }

  // Two fields of one model (or a field and the implicit `id`) on one column.
  // Compared case-insensitively, as SQLite compares names. A table has tens of
  // columns (at most 1,600 in PostgreSQL, 2,000 in SQLite), so a flat list:
  // faster to fill and search than a map.
  void check_columns(const Model& model, const ModelSource& source) {
    std::vector<std::pair<std::string, const Field*>> columns;  // lower name -> its field
    columns.reserve(model.fields.size() + 1);
    if (!has_explicit_primary_key(model)) columns.emplace_back("id", nullptr);
    for (std::size_t j = 0; j < model.fields.size(); ++j) {
      const Field& field = model.fields[j];
      if (source.fields[j].broken || !field.has_column()) continue;
      const std::string column = schema::column_name(field);
      std::string lower = lower_ascii(column);
      const auto found = std::find_if(columns.begin(), columns.end(),
                                      [&](const auto& used) { return used.first == lower; });
      if (found == columns.end()) {
        columns.emplace_back(std::move(lower), &field);
        continue;
      }
      const std::string other =
          found->second ? fmt::format("field '{}'", found->second->name)
                        : "the implicit primary key (set primary_key: true to make it the key)";
      report(source.fields[j].at("db_column", field.where),
             fmt::format("{} maps to column '{}', already used by {}", field_subject(model, field),
                         column, other));
    }
  }

  bool too_long(const std::string& name) const { return limit_ != 0 && name.size() > limit_; }

  void report_length(SourceLocation where, std::string_view kind, const std::string& name,
                     const std::string& owner) {
    report(std::move(where),
           fmt::format("{} '{}' of {} is {} characters long, over the limit of {}", kind, name,
                       owner, name.size(), limit_));
  }

  // Most names fit, so where a name was set and whose it is are worked out only
  // for one that does not.
  void check_identifier_lengths(const Model& model, const ModelSource& source) {
    const auto model_owner = [&] { return fmt::format("model '{}'", model.name); };
    if (const std::string table = schema::table_name(model); too_long(table)) {
      report_length(source.at("table", model.where), "table name", table, model_owner());
    }
    for (std::size_t j = 0; j < model.fields.size(); ++j) {
      const Field& field = model.fields[j];
      const FieldSource& field_source = source.fields[j];
      if (field_source.broken) continue;
      // A name the field makes, set by `option` (nullptr: by no option).
      const auto check = [&](const char* kind, const std::string& name, const char* option) {
        if (!too_long(name)) return;
        report_length(option ? field_source.at(option, field.where) : field.where, kind, name,
                      field_subject(model, field));
      };
      if (field.has_column()) {
        check("column name", schema::column_name(field), "db_column");
      } else if (has_junction(field)) {
        check("junction table name", schema::junction_table_name(model, field), "db_table");
        check("junction column name", schema::junction_source_column(model, field), nullptr);
        check("junction column name", schema::junction_target_column(model, field), nullptr);
      }
    }
    for (std::size_t k = 0; k < model.indexes.size(); ++k) {
      const auto& name = model.indexes[k].name;
      if (name && too_long(*name)) {
        report_length(source.index_names[k], "index name", *name, model_owner());
      }
    }
  }

  // unique_together and indexes name fields that exist and own a column.
  void check_field_lists(const Model& model, const ModelSource& source) {
    const auto check = [&](const std::string& what, const std::vector<std::string>& names,
                           const std::vector<SourceLocation>& where) {
      for (std::size_t k = 0; k < names.size(); ++k) {
        const Field* field = model.find_field(names[k]);
        if (!field && !has_field_named(model, names[k])) {
          report(where[k], fmt::format("{} of model '{}' names unknown field '{}'", what,
                                       model.name, names[k]));
        } else if (field && field->is_many_to_many()) {
          report(where[k],
                 fmt::format("{} of model '{}' names many_to_many field '{}', which has no column",
                             what, model.name, names[k]));
        }
      }
    };
    for (std::size_t k = 0; k < model.unique_together.size(); ++k) {
      check("unique_together", model.unique_together[k].fields, source.unique_together[k]);
    }
    for (std::size_t k = 0; k < model.indexes.size(); ++k) {
      check(fmt::format("index {}", k + 1), model.indexes[k].fields, source.index_fields[k]);
    }
  }

  std::size_t limit_;
  std::vector<Diagnostic> diagnostics_;
};

class Validator : private ModelChecks {
 public:
  Validator(const Schema& schema, const std::vector<ModelSource>& sources,
            const LoadOptions& options)
      : ModelChecks(options),
        schema_(schema),
        models_(schema),
        sources_(sources) {
    table_users_.reserve(schema.models.size());
    accessors_.reserve(schema.models.size());
  }

  // One walk over the models: at 10,000 models the schema is larger than the
  // CPU's caches, and each pass over it costs its cache misses again. The
  // checks that need the whole schema (tables, reverse accessors, index
  // names) report into lists of their own, joined in the order their passes
  // used to run, so diagnostics at one place keep their order.
  std::vector<Diagnostic> run() {
    for (std::size_t i = 0; i < schema_.models.size(); ++i) {
      const Model& model = schema_.models[i];
      const ModelSource& source = sources_[i];
      if (source.checked) {
        diagnostics_.insert(diagnostics_.end(), source.checked_before.begin(),
                            source.checked_before.end());
      } else {
        before_relations(model, source);
      }
      for (std::size_t j = 0; j < model.fields.size(); ++j) {
        if (!source.fields[j].broken) check_relation(model, model.fields[j], source.fields[j]);
      }
      if (source.checked) {
        diagnostics_.insert(diagnostics_.end(), source.checked_after.begin(),
                            source.checked_after.end());
      } else {
        after_relations(model, source);
      }
      claim_model_table(i);
      check_reverse_accessors(i);
      check_index_names(i);
    }
    claim_junction_tables();
    for (auto* later : {&table_diagnostics_, &accessor_diagnostics_, &index_diagnostics_}) {
      for (auto& diagnostic : *later) diagnostics_.push_back(std::move(diagnostic));
    }
    return std::move(diagnostics_);
  }

 private:
  // A field of a model: (model, field) positions in the schema.
  struct FieldAt {
    std::size_t model;
    std::size_t field;
  };
  static constexpr std::size_t kNoField = static_cast<std::size_t>(-1);

  void check_relation(const Model& model, const Field& field, const FieldSource& source) {
    if (!field.is_relation() || field.to.empty()) return;
    const Model* target = models_.find(field.to);
    if (!target) {
      report(source.at("to", field.where),
             fmt::format("{}: to '{}' names no model", field_subject(model, field), field.to));
    }
    if (target && field.to_field) {
      const Field* referenced = target->find_field(*field.to_field);
      const SourceLocation where = source.at("to_field", field.where);
      if (!referenced) {
        report(where, fmt::format("{}: to_field '{}' names no field of model '{}'",
                                  field_subject(model, field), *field.to_field, target->name));
      } else if (!referenced->primary_key && !referenced->unique &&
                 referenced->type != FieldType::kOneToOne) {
        report(where, fmt::format("{}: to_field '{}' must name a unique field of model '{}'",
                                  field_subject(model, field), *field.to_field, target->name));
      }
    }
    if (field.through) check_through(model, field, source, target != nullptr);
  }

  // A through model needs exactly one foreign key to each side, or two to the
  // model for a self relation (Django's fields.E333/E335/E336).
  void check_through(const Model& model, const Field& field, const FieldSource& source,
                     bool target_exists) {
    const std::string subject = field_subject(model, field);
    const SourceLocation where = source.at("through", field.where);
    const Model* through = models_.find(*field.through);
    if (!through) {
      report(where, fmt::format("{}: through '{}' names no model", subject, *field.through));
      return;
    }
    const auto keys_to = [&](const std::string& name) {
      int count = 0;
      for (const auto& key : through->fields) {
        if (!key.is_many_to_many() && key.is_relation() && key.to == name) ++count;
      }
      return count;
    };
    const auto expect = [&](const std::string& side, int wanted, const char* wanted_text) {
      const int found = keys_to(side);
      if (found == wanted) return;
      report(where, fmt::format("{}: through model '{}' must have exactly {} to '{}', found {}",
                                subject, through->name, wanted_text, side, found));
    };
    if (is_self_relation(model, field)) {
      expect(model.name, 2, "two foreign keys");
      return;
    }
    expect(model.name, 1, "one foreign key");
    if (target_exists) expect(field.to, 1, "one foreign key");
  }

  // Model tables first, then junction tables, so a clash is reported on the
  // junction; compared case-insensitively.
  std::string table_user(FieldAt who) const {
    const Model& model = schema_.models[who.model];
    if (who.field == kNoField) return fmt::format("model '{}'", model.name);
    return "the junction of " + field_subject(model, model.fields[who.field]);
  }

  void claim_table(const std::string& table, FieldAt who, const SourceLocation& where) {
    const auto [found, inserted] = table_users_.try_emplace(lower_ascii(table), who);
    if (!inserted) {
      table_diagnostics_.push_back(
          Diagnostic{where, fmt::format("{} maps to table '{}', already used by {}",
                                        table_user(who), table, table_user(found->second))});
    }
  }

  void claim_model_table(std::size_t i) {
    const Model& model = schema_.models[i];
    claim_table(schema::table_name(model), FieldAt{i, kNoField},
                sources_[i].at("table", model.where));
    for (std::size_t j = 0; j < model.fields.size(); ++j) {
      if (!sources_[i].fields[j].broken && has_junction(model.fields[j])) {
        junctions_.push_back(FieldAt{i, j});
      }
    }
  }

  void claim_junction_tables() {
    for (const FieldAt at : junctions_) {
      const Model& model = schema_.models[at.model];
      const Field& field = model.fields[at.field];
      claim_table(schema::junction_table_name(model, field), at,
                  sources_[at.model].fields[at.field].at("db_table", field.where));
    }
  }

  struct AccessorKey {
    const Model* target;
    std::string accessor;
    bool operator==(const AccessorKey&) const = default;
  };
  struct AccessorHash {
    std::size_t operator()(const AccessorKey& key) const {
      return std::hash<std::string>()(key.accessor) ^
             (std::hash<const Model*>()(key.target) * 0x9e3779b97f4a7c15ULL);
    }
  };

  void check_reverse_accessors(std::size_t i) {
    const Model& model = schema_.models[i];
    for (std::size_t j = 0; j < model.fields.size(); ++j) {
      const Field& field = model.fields[j];
      if (sources_[i].fields[j].broken || !field.is_relation()) continue;
      const Model* target = models_.find(field.to);
      auto accessor = target ? reverse_accessor(model, field) : std::nullopt;
      if (!accessor) continue;
      const auto report_clash = [&](const std::string& other) {
        accessor_diagnostics_.push_back(Diagnostic{
            sources_[i].fields[j].at("related_name", field.where),
            fmt::format("reverse accessor '{}.{}' for field '{}.{}' clashes with {}",
                        target->name, *accessor, model.name, field.name, other)});
      };
      if (has_field_named(*target, *accessor)) {
        report_clash(fmt::format("field '{}.{}'", target->name, *accessor));
        continue;
      }
      const auto [found, inserted] =
          accessors_.try_emplace(AccessorKey{target, *accessor}, FieldAt{i, j});
      if (!inserted) {
        const Model& other = schema_.models[found->second.model];
        report_clash(fmt::format("the reverse accessor for field '{}.{}'", other.name,
                                 other.fields[found->second.field].name));
      }
    }
  }

  // Index names are schema-wide in PostgreSQL and SQLite.
  void check_index_names(std::size_t i) {
    const Model& model = schema_.models[i];
    for (std::size_t k = 0; k < model.indexes.size(); ++k) {
      if (!model.indexes[k].name) continue;
      const std::string& name = *model.indexes[k].name;
      const auto [found, inserted] = index_users_.try_emplace(lower_ascii(name), i);
      if (!inserted) {
        index_diagnostics_.push_back(Diagnostic{
            sources_[i].index_names[k],
            fmt::format("index name '{}' of model '{}' is already used by an index of "
                        "model '{}'",
                        name, model.name, schema_.models[found->second].name)});
      }
    }
  }

  const Schema& schema_;
  const ModelIndex models_;
  const std::vector<ModelSource>& sources_;
  // diagnostics_: the checks of each model, then
  std::vector<Diagnostic> table_diagnostics_;   // tables, in claim order
  std::vector<Diagnostic> accessor_diagnostics_;
  std::vector<Diagnostic> index_diagnostics_;
  std::unordered_map<std::string, FieldAt> table_users_;  // lower table name -> its user
  std::vector<FieldAt> junctions_;                        // claimed after every model table
  std::unordered_map<AccessorKey, FieldAt, AccessorHash> accessors_;  // -> defined by
  std::unordered_map<std::string, std::size_t> index_users_;  // lower index name -> model
};

}  // namespace

void check_model(const Model& model, ModelSource& source, const LoadOptions& options) {
  ModelChecks checks(options);
  checks.before_relations(model, source);
  source.checked_before = checks.take();
  checks.after_relations(model, source);
  source.checked_after = checks.take();
  source.checked = true;
}

std::vector<Diagnostic> validate(const Schema& schema, const std::vector<ModelSource>& sources,
                                 const LoadOptions& options) {
  return Validator(schema, sources, options).run();
}

}  // namespace keyway::model
