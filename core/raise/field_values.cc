#include "core/raise/field_values.h"

#include "core/model/yaml_reader.h"
#include "core/schema/naming.h"

namespace keyway::raise {

using model::FieldType;
using model::Value;
using schema::TypeKind;

std::optional<FieldType> field_type_for(const schema::ColumnType& type) {
  switch (type.kind) {
    case TypeKind::kAuto: return FieldType::kAuto;
    case TypeKind::kBigAuto: return FieldType::kBigAuto;
    case TypeKind::kSmallInteger: return FieldType::kSmallInteger;
    case TypeKind::kInteger: return FieldType::kInteger;
    case TypeKind::kBigInteger: return FieldType::kBigInteger;
    case TypeKind::kBoolean: return FieldType::kBoolean;
    case TypeKind::kChar: return FieldType::kChar;
    case TypeKind::kText: return FieldType::kText;
    case TypeKind::kDate: return FieldType::kDate;
    case TypeKind::kDateTime: return FieldType::kDateTime;
    case TypeKind::kTime: return FieldType::kTime;
    case TypeKind::kDecimal: return FieldType::kDecimal;
    case TypeKind::kFloat: return FieldType::kFloat;
    case TypeKind::kUuid: return FieldType::kUuid;
    case TypeKind::kJson: return FieldType::kJson;
    case TypeKind::kBinary: return FieldType::kBinary;
    case TypeKind::kOther: break;
  }
  return std::nullopt;
}

namespace {
bool is_integer_type(FieldType type) {
  return type == FieldType::kAuto || type == FieldType::kBigAuto ||
         type == FieldType::kSmallInteger || type == FieldType::kInteger ||
         type == FieldType::kBigInteger;
}
}  // namespace

// As the loader checks a default or a choice (core/model/field_reader.cc).
bool fits(FieldType type, const Value& value) {
  if (value.kind == Value::Kind::kNull) return true;
  if (is_integer_type(type)) {
    return value.kind == Value::Kind::kNumber && model::is_integer_spelling(value.text);
  }
  if (type == FieldType::kFloat || type == FieldType::kDecimal) {
    return value.kind == Value::Kind::kNumber;
  }
  if (type == FieldType::kBoolean) return value.kind == Value::Kind::kBool;
  return true;
}

std::optional<Value> value_for(FieldType type, const schema::Literal& literal) {
  Value value;
  switch (literal.kind) {
    case schema::Literal::Kind::kNull: return std::nullopt;
    case schema::Literal::Kind::kExpression: return std::nullopt;
    case schema::Literal::Kind::kBool: value = {Value::Kind::kBool, literal.text}; break;
    case schema::Literal::Kind::kNumber: value = {Value::Kind::kNumber, literal.text}; break;
    case schema::Literal::Kind::kString: value = {Value::Kind::kString, literal.text}; break;
  }
  if (type == FieldType::kBoolean && value.kind != Value::Kind::kBool) {
    const std::string t = schema::lower_ascii(value.text);
    if (t == "1" || t == "true" || t == "t") return Value{Value::Kind::kBool, "true"};
    if (t == "0" || t == "false" || t == "f") return Value{Value::Kind::kBool, "false"};
  }
  if (!fits(type, value)) return std::nullopt;
  return value;
}

model::OnDelete on_delete_for(schema::Action action) {
  switch (action) {
    case schema::Action::kCascade: return model::OnDelete::kCascade;
    case schema::Action::kRestrict: return model::OnDelete::kRestrict;
    case schema::Action::kSetNull: return model::OnDelete::kSetNull;
    case schema::Action::kSetDefault: return model::OnDelete::kSetDefault;
    case schema::Action::kNoAction: return model::OnDelete::kDoNothing;
  }
  return model::OnDelete::kDoNothing;
}

}  // namespace keyway::raise
