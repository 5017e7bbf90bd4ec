#include "core/model/field_reader.h"

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace keyway::model {

namespace {

// The options of each kind of field (DESIGN.md §1).
constexpr std::array<std::string_view, 8> kScalarOptions = {
    "null", "default", "unique", "db_index", "primary_key", "db_column", "choices",
    "renamed_from"};

// foreign_key; one_to_one less `unique`
constexpr std::array<std::string_view, 13> kKeyOptions = {
    "to", "on_delete", "null", "related_name", "to_field", "db_column", "db_index",
    "db_constraint", "deferrable", "default", "unique", "primary_key", "renamed_from"};

constexpr std::array<std::string_view, 6> kManyToManyOptions = {
    "to", "related_name", "through", "db_table", "symmetrical", "renamed_from"};

bool is_one_of(std::span<const std::string_view> options, std::string_view option) {
  return std::find(options.begin(), options.end(), option) != options.end();
}

bool applies(std::string_view option, FieldType type) {
  switch (type) {
    case FieldType::kManyToMany: return is_one_of(kManyToManyOptions, option);
    case FieldType::kOneToOne: return option != "unique" && is_one_of(kKeyOptions, option);
    case FieldType::kForeignKey: return is_one_of(kKeyOptions, option);
    case FieldType::kChar: return option == "max_length" || is_one_of(kScalarOptions, option);
    case FieldType::kDecimal:
      return option == "max_digits" || option == "decimal_places" ||
             is_one_of(kScalarOptions, option);
    default: return is_one_of(kScalarOptions, option);
  }
}

// The spelling of `option` in the tables above (or a literal), which outlives
// the YAML text, for OptionLocations to keep; nullopt for an unknown option.
std::optional<std::string_view> known_option(std::string_view option) {
  for (const std::string_view extra : {"max_length", "max_digits", "decimal_places"}) {
    if (option == extra) return extra;
  }
  for (const std::span<const std::string_view> table :
       {std::span<const std::string_view>(kScalarOptions),
        std::span<const std::string_view>(kKeyOptions),
        std::span<const std::string_view>(kManyToManyOptions)}) {
    const auto found = std::find(table.begin(), table.end(), option);
    if (found != table.end()) return *found;
  }
  return std::nullopt;
}

bool is_integer_type(FieldType type) {
  return type == FieldType::kAuto || type == FieldType::kBigAuto ||
         type == FieldType::kSmallInteger || type == FieldType::kInteger ||
         type == FieldType::kBigInteger;
}

// What a default or a choice of `type` must look like, or nullptr when any
// scalar will do (text, dates, uuid... are written as strings).
const char* expected_value(FieldType type, const Value& value) {
  if (value.kind == Value::Kind::kNull) return nullptr;
  if (is_integer_type(type) &&
      (value.kind != Value::Kind::kNumber || !is_integer_spelling(value.text))) {
    return "an integer";
  }
  if ((type == FieldType::kFloat || type == FieldType::kDecimal) &&
      value.kind != Value::Kind::kNumber) {
    return "a number";
  }
  if (type == FieldType::kBoolean && value.kind != Value::Kind::kBool) return "true or false";
  return nullptr;
}

class FieldReader {
 public:
  FieldReader(YamlReader& reader, const Entry& entry, const std::string& model_name,
              FieldSource& source)
      : reader_(reader),
        entry_(entry),
        model_name_(model_name),
        source_(source),
        subject_("field", entry.key, model_name),
        context_("in field", entry.key, model_name) {
    field_.name = entry.key;
    field_.where = reader.at(*entry.key_node);
  }

  // Reads the field and hands it over: call once.
  Field read() {
    std::vector<Entry> options;  // `type` among them
    const Entry* type_entry = nullptr;
    if (entry_.value->is_scalar()) {
      type_entry = &entry_;  // shorthand: `bio: text`
    } else if (entry_.value->is_mapping()) {
      options = reader_.mapping(*entry_.value, subject_, context_).value_or(std::vector<Entry>{});
      const auto type = std::find_if(options.begin(), options.end(),
                                     [](const Entry& option) { return option.key == "type"; });
      if (type != options.end()) {
        type_entry = &*type;
      } else {
        reader_.report(field_.where, subject_.text() + ": missing option 'type'");
      }
    } else {
      reader_.report(reader_.at(entry_),
                     fmt::format("expected a type name or a mapping for {}, got {}",
                                 subject_.text(), describe(*entry_.value)));
    }

    source_.values.reserve(std::max<std::size_t>(options.size(), 1));  // `type` is one
    const std::optional<FieldType> type = read_type(type_entry);
    if (!type) source_.broken = true;
    for (const auto& option : options) {
      if (option.key == "type") continue;
      const std::optional<std::string_view> known = known_option(option.key);
      if (!known) {
        reader_.report(*option.key_node,
                       fmt::format("unknown key '{}' {}", option.key, context_.text()));
      } else if (type && !applies(option.key, *type)) {
        reader_.report(*option.key_node, fmt::format("unknown key '{}' for type '{}' {}",
                                                    option.key, to_string(*type),
                                                    context_.text()));
      } else if (type) {
        source_.values.set(*known, option.mark());
        read_option(option);
      }
    }
    if (type) check();
    return std::move(field_);
  }

 private:
  std::optional<FieldType> read_type(const Entry* entry) {
    if (!entry) return std::nullopt;
    const YamlNode& node = *entry->value;
    if (!node.is_scalar()) {
      reader_.expected(*entry, subject_, "a type name");
      return std::nullopt;
    }
    const auto type = field_type_from_string(node.text());
    if (!type) {
      reader_.report(node, fmt::format("unknown type '{}' {}", node.text(), context_.text()));
      return std::nullopt;
    }
    field_.type = *type;
    source_.values.set("type", node.mark());
    return type;
  }

  void read_option(const Entry& option) {
    const std::string_view key = option.key;
    if (key == "null") {
      field_.null = reader_.boolean(option, subject_).value_or(false);
    } else if (key == "unique") {
      field_.unique = reader_.boolean(option, subject_).value_or(false);
    } else if (key == "primary_key") {
      field_.primary_key = reader_.boolean(option, subject_).value_or(false);
    } else if (key == "db_constraint") {
      field_.db_constraint = reader_.boolean(option, subject_).value_or(true);
    } else if (key == "deferrable") {
      field_.deferrable = reader_.boolean(option, subject_).value_or(false);
    } else if (key == "db_index") {
      field_.db_index = reader_.boolean(option, subject_);
    } else if (key == "symmetrical") {
      field_.symmetrical = reader_.boolean(option, subject_);
    } else if (key == "max_length") {
      field_.max_length = reader_.integer(option, subject_, 1);
    } else if (key == "max_digits") {
      field_.max_digits = reader_.integer(option, subject_, 1);
    } else if (key == "decimal_places") {
      field_.decimal_places = reader_.integer(option, subject_, 0);
    } else if (key == "db_column") {
      field_.db_column = reader_.string(option, subject_);
    } else if (key == "related_name") {
      field_.related_name = reader_.string(option, subject_);
    } else if (key == "to_field") {
      field_.to_field = reader_.string(option, subject_);
    } else if (key == "through") {
      field_.through = reader_.string(option, subject_);
    } else if (key == "db_table") {
      field_.db_table = reader_.string(option, subject_);
    } else if (key == "renamed_from") {
      field_.renamed_from = reader_.string(option, subject_);
    } else if (key == "to") {
      const auto to = reader_.string(option, subject_);
      if (to) field_.to = *to == "self" ? model_name_ : *to;
    } else if (key == "on_delete") {
      read_on_delete(option);
    } else if (key == "default") {
      field_.default_value = read_typed_value(*option.value, "default");
    } else if (key == "choices") {
      read_choices(*option.value);
    }
  }

  void read_on_delete(const Entry& option) {
    if (option.value->is_scalar()) field_.on_delete = on_delete_from_string(option.value->text());
    if (!field_.on_delete) {
      reader_.expected(option, subject_,
                       "one of cascade, protect, restrict, set_null, set_default, do_nothing");
    }
  }

  std::optional<Value> read_typed_value(const YamlNode& node, std::string_view key) {
    auto value = reader_.value(node, subject_, key);
    if (!value) return std::nullopt;
    if (const char* what = expected_value(field_.type, *value)) {
      reader_.expected(node, subject_, what, key);
      return std::nullopt;
    }
    return value;
  }

  // A list of values, or of Django's [value, label] pairs.
  void read_choices(const YamlNode& node) {
    if (!node.is_sequence() || node.size() == 0) {
      reader_.expected(node, subject_, "a non-empty list of values", "choices");
      return;
    }
    for (const auto& item : node.children()) {
      const bool pair = item.is_sequence() && item.size() == 2 && item.children()[0].is_scalar();
      if (auto value = read_typed_value(pair ? item.children()[0] : item, "choices")) {
        field_.choices.push_back(std::move(*value));
      }
    }
  }

  void missing(std::string_view option) {
    if (source_.values.contains(option)) return;  // written, but its value was bad
    reader_.report(field_.where, fmt::format("{}: missing option '{}' (required for type '{}')",
                                             subject_.text(), option, to_string(field_.type)));
  }

  void fail(std::string_view option, const std::string& message) {
    reader_.report(source_.at(option, field_.where), subject_.text() + ": " + message);
  }

  // Checks that need only this field.
  void check() {
    const FieldType type = field_.type;
    if (type == FieldType::kChar) missing("max_length");
    if (type == FieldType::kDecimal) {
      missing("max_digits");
      missing("decimal_places");
      if (field_.max_digits && field_.decimal_places &&
          *field_.decimal_places > *field_.max_digits) {
        fail("decimal_places", fmt::format("decimal_places ({}) must not exceed max_digits ({})",
                                           *field_.decimal_places, *field_.max_digits));
      }
    }
    if (field_.is_relation()) missing("to");
    if (type == FieldType::kForeignKey || type == FieldType::kOneToOne) {
      missing("on_delete");
      if (field_.on_delete == OnDelete::kSetNull && !field_.null) {
        fail("on_delete", "on_delete 'set_null' requires null: true");
      }
      if (field_.on_delete == OnDelete::kSetDefault && !source_.values.contains("default")) {
        fail("on_delete", "on_delete 'set_default' requires a default");
      }
    }
    if (type == FieldType::kManyToMany) {
      if (source_.values.contains("symmetrical") && !field_.to.empty() &&
          field_.to != model_name_) {
        fail("symmetrical", "symmetrical applies only when to is self");
      }
      if (field_.through && source_.values.contains("db_table")) {
        fail("db_table", "db_table cannot be used with through (the through model is the "
                         "junction table)");
      }
    }
    if ((type == FieldType::kAuto || type == FieldType::kBigAuto) && !field_.primary_key) {
      fail("type", fmt::format("type '{}' requires primary_key: true", to_string(type)));
    }
    if (field_.primary_key && field_.null) fail("null", "a primary key cannot have null: true");
    if (field_.related_name && !field_.related_name->ends_with('+') &&
        !is_identifier(*field_.related_name)) {
      fail("related_name", fmt::format("related_name '{}' is not an identifier",
                                       *field_.related_name));
    }
  }

  YamlReader& reader_;
  const Entry& entry_;
  const std::string& model_name_;
  FieldSource& source_;
  const Phrase subject_;
  const Phrase context_;
  Field field_;
};

}  // namespace

Field read_field(YamlReader& reader, const Entry& entry, const std::string& model_name,
                 FieldSource& source) {
  return FieldReader(reader, entry, model_name, source).read();
}

}  // namespace keyway::model
