#include "core/model/model.h"

#include <array>
#include <string_view>
#include <utility>

namespace keyway::model {

namespace {

// The YAML spelling of each enumerator, in declaration order. Each is a
// literal, so its data() is null-terminated.
constexpr std::array<std::pair<FieldType, std::string_view>, 19> kFieldTypes{{
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

constexpr std::array<std::pair<OnDelete, std::string_view>, 6> kOnDeleteActions{{
    {OnDelete::kCascade, "cascade"},
    {OnDelete::kProtect, "protect"},
    {OnDelete::kRestrict, "restrict"},
    {OnDelete::kSetNull, "set_null"},
    {OnDelete::kSetDefault, "set_default"},
    {OnDelete::kDoNothing, "do_nothing"},
}};

template <typename Enum, std::size_t N>
const char* spelling_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                        Enum value) {
  for (const auto& [candidate, spelling] : table) {
    if (candidate == value) return spelling.data();
  }
  return "?";  // unreachable while the tables list every enumerator
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                             std::string_view spelling) {
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

std::optional<FieldType> field_type_from_string(std::string_view name) {
  return value_of(kFieldTypes, name);
}

const char* to_string(OnDelete action) { return spelling_of(kOnDeleteActions, action); }

std::optional<OnDelete> on_delete_from_string(std::string_view name) {
  return value_of(kOnDeleteActions, name);
}

}  // namespace keyway::model
