// The user's schema as written in YAML: models, fields, relations.
// Produced by load_schema(); checked by validate(); turned into tables by
// schema::lower(). Holds source positions so every later error can name one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/boxed.h"
#include "core/errors.h"

namespace keyway::model {

// One byte each: a Field holds them among its flags.
enum class FieldType : std::uint8_t {
  kAuto, kBigAuto, kSmallInteger, kInteger, kBigInteger, kBoolean, kChar, kText,
  kDate, kDateTime, kTime, kDecimal, kFloat, kUuid, kJson, kBinary,
  kForeignKey, kOneToOne, kManyToMany,
};

enum class OnDelete : std::uint8_t {
  kCascade, kProtect, kRestrict, kSetNull, kSetDefault, kDoNothing,
};

// A YAML scalar used as a default or a choice, typed by how it was written.
struct Value {
  enum class Kind { kNull, kBool, kNumber, kString };
  Kind kind = Kind::kNull;
  std::string text;  // "true"/"false" for kBool, the digits for kNumber
  bool operator==(const Value&) const = default;
};

// 200 bytes (480 with every option a std::optional). The loader builds a
// hundred thousand fields at 10,000 models and lower() reads them all: past
// the cache, their bytes rather than the work done on them set the time. So
// the options most fields leave out are Boxed (one pointer when absent), and
// members go from largest to smallest, the one-byte ones together at the end,
// so that little pads. tests/core/model/source_location_test.cc holds the
// sizes to their budget.
struct Field {
  std::string name;
  std::string to;                 // relations: model name, or "self" resolved to the owner
  std::vector<Value> choices;     // becomes a CHECK (column IN (...))
  SourceLocation where;

  // Scalar options.
  std::optional<int> max_length;
  std::optional<int> max_digits;
  std::optional<int> decimal_places;
  Boxed<Value> default_value;
  Boxed<std::string> db_column;
  Boxed<std::string> renamed_from;

  // Relation options (foreign_key, one_to_one, many_to_many).
  Boxed<std::string> related_name;
  Boxed<std::string> to_field;
  Boxed<std::string> through;
  Boxed<std::string> db_table;

  FieldType type = FieldType::kText;
  bool null = false;
  bool unique = false;
  bool primary_key = false;
  std::optional<bool> db_index;   // unset: the default for the field type
  std::optional<OnDelete> on_delete;
  bool db_constraint = true;
  bool deferrable = false;
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
  SourceLocation where;
  Boxed<std::string> name;
  bool unique = false;
};

struct UniqueTogether {
  std::vector<std::string> fields;
  SourceLocation where;
};

struct Model {
  std::string name;
  SourceLocation where;
  Boxed<std::string> app;             // from the file's `app:` key
  Boxed<std::string> table;
  std::vector<Field> fields;
  std::vector<UniqueTogether> unique_together;
  std::vector<IndexSpec> indexes;
  Boxed<std::string> renamed_from;

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
