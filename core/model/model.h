// The user's schema as written in YAML: models, fields, relations.
// Produced by load_schema(); checked by validate(); turned into tables by
// schema::lower(). Holds source positions so every later error can name one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/errors.h"

namespace keyway::model {

enum class FieldType {
  kAuto, kBigAuto, kSmallInteger, kInteger, kBigInteger, kBoolean, kChar, kText,
  kDate, kDateTime, kTime, kDecimal, kFloat, kUuid, kJson, kBinary,
  kForeignKey, kOneToOne, kManyToMany,
};

enum class OnDelete { kCascade, kProtect, kRestrict, kSetNull, kSetDefault, kDoNothing };

// A YAML scalar used as a default or a choice, typed by how it was written.
struct Value {
  enum class Kind { kNull, kBool, kNumber, kString };
  Kind kind = Kind::kNull;
  std::string text;  // "true"/"false" for kBool, the digits for kNumber
  bool operator==(const Value&) const = default;
};

struct Field {
  std::string name;
  SourceLocation where;
  FieldType type = FieldType::kText;

  // Scalar options.
  std::optional<int> max_length;
  std::optional<int> max_digits;
  std::optional<int> decimal_places;
  bool null = false;
  bool unique = false;
  bool primary_key = false;
  std::optional<bool> db_index;   // unset: the default for the field type
  std::optional<Value> default_value;
  std::optional<std::string> db_column;
  std::vector<Value> choices;     // becomes a CHECK (column IN (...))
  std::optional<std::string> renamed_from;

  // Relation options (foreign_key, one_to_one, many_to_many).
  std::string to;                 // model name, or "self" resolved to the owner
  std::optional<OnDelete> on_delete;
  std::optional<std::string> related_name;
  std::optional<std::string> to_field;
  bool db_constraint = true;
  bool deferrable = false;
  std::optional<std::string> through;
  std::optional<std::string> db_table;
  std::optional<bool> symmetrical;

  bool is_relation() const {
    return type == FieldType::kForeignKey || type == FieldType::kOneToOne ||
           type == FieldType::kManyToMany;
  }
  bool is_many_to_many() const { return type == FieldType::kManyToMany; }
  // A field that owns a column: scalars, foreign_key, one_to_one.
  bool has_column() const { return type != FieldType::kManyToMany; }
};

struct IndexSpec {
  std::vector<std::string> fields;
  std::optional<std::string> name;
  bool unique = false;
  SourceLocation where;
};

struct UniqueTogether {
  std::vector<std::string> fields;
  SourceLocation where;
};

struct Model {
  std::string name;
  SourceLocation where;
  std::optional<std::string> app;     // from the file's `app:` key
  std::optional<std::string> table;
  std::vector<Field> fields;
  std::vector<UniqueTogether> unique_together;
  std::vector<IndexSpec> indexes;
  std::optional<std::string> renamed_from;

  const Field* find_field(const std::string& field_name) const;
};

struct Schema {
  std::vector<Model> models;  // in file order, files in name order
  // A linear search; ModelIndex for lookups in a loop.
  const Model* find_model(const std::string& model_name) const;
};

// The models of a schema by name (the first of a repeated name). Valid while
// the schema's models are neither added, removed nor renamed.
class ModelIndex {
 public:
  explicit ModelIndex(const Schema& schema);
  const Model* find(std::string_view model_name) const;

 private:
  std::unordered_map<std::string_view, const Model*> by_name_;
};

const char* to_string(FieldType type);
std::optional<FieldType> field_type_from_string(std::string_view name);
const char* to_string(OnDelete action);
std::optional<OnDelete> on_delete_from_string(std::string_view name);

}  // namespace keyway::model
