#include "core/model/model.h"

#include <array>
#include <utility>

namespace keyway::model {

namespace {

// The YAML spelling of each enumerator, in declaration order.
constexpr std::array<std::pair<FieldType, const char*>, 19> kFieldTypes{{
    {FieldType::kAuto, "auto"},
    {FieldType::kBigAuto, "big_auto"},
    {FieldType::kSmallInteger, "small_integer"},
    {FieldType::kInteger, "integer"},
    {FieldType::kBigInteger, "big_integer"},
    {FieldType::kBoolean, "boolean"},
    {FieldType::kChar, "char"},
    {FieldType::kText, "text"},
    {FieldType::kDate, "date"},
    {FieldType::kDateTime, "datetime"},
    {FieldType::kTime, "time"},
    {FieldType::kDecimal, "decimal"},
    {FieldType::kFloat, "float"},
    {FieldType::kUuid, "uuid"},
    {FieldType::kJson, "json"},
    {FieldType::kBinary, "binary"},
    {FieldType::kForeignKey, "foreign_key"},
    {FieldType::kOneToOne, "one_to_one"},
    {FieldType::kManyToMany, "many_to_many"},
}};

constexpr std::array<std::pair<OnDelete, const char*>, 6> kOnDeleteActions{{
    {OnDelete::kCascade, "cascade"},
    {OnDelete::kProtect, "protect"},
    {OnDelete::kRestrict, "restrict"},
    {OnDelete::kSetNull, "set_null"},
    {OnDelete::kSetDefault, "set_default"},
    {OnDelete::kDoNothing, "do_nothing"},
}};

template <typename Enum, std::size_t N>
const char* spelling_of(const std::array<std::pair<Enum, const char*>, N>& table, Enum value) {
  for (const auto& [candidate, spelling] : table) {
    if (candidate == value) return spelling;
  }
  return "?";  // unreachable while the tables list every enumerator
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, const char*>, N>& table,
                             const std::string& spelling) {
  for (const auto& [value, candidate] : table) {
    if (spelling == candidate) return value;
  }
  return std::nullopt;
}

}  // namespace

const Field* Model::find_field(const std::string& field_name) const {
  for (const auto& field : fields) {
    if (field.name == field_name) return &field;
  }
  return nullptr;
}

const Model* Schema::find_model(const std::string& model_name) const {
  for (const auto& model : models) {
    if (model.name == model_name) return &model;
  }
  return nullptr;
}

ModelIndex::ModelIndex(const Schema& schema) {
  by_name_.reserve(schema.models.size());
  for (const auto& model : schema.models) by_name_.try_emplace(model.name, &model);
}

const Model* ModelIndex::find(std::string_view model_name) const {
  const auto found = by_name_.find(model_name);
  return found == by_name_.end() ? nullptr : found->second;
}

const char* to_string(FieldType type) { return spelling_of(kFieldTypes, type); }

std::optional<FieldType> field_type_from_string(const std::string& name) {
  return value_of(kFieldTypes, name);
}

const char* to_string(OnDelete action) { return spelling_of(kOnDeleteActions, action); }

std::optional<OnDelete> on_delete_from_string(const std::string& name) {
  return value_of(kOnDeleteActions, name);
}

}  // namespace keyway::model
