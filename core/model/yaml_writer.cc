#include "core/model/yaml_writer.h"

#include <sstream>

#include <yaml-cpp/yaml.h>

#include "core/model/yaml_reader.h"
#include "core/schema/naming.h"

namespace keyway::model {

namespace {

// A name is written plain when the loader reads it back as the same string:
// an identifier that YAML does not take for a boolean or null.
bool is_plain_name(const std::string& text) {
  static const char* const kSpecial[] = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"};
  if (!is_identifier(text)) return false;
  const std::string lower = schema::lower_ascii(text);
  for (const char* special : kSpecial) {
    if (lower == special) return false;
  }
  return true;
}

void name(YAML::Emitter& out, const std::string& text) {
  if (is_plain_name(text)) {
    out << text;
  } else {
    out << YAML::DoubleQuoted << text;
  }
}

void value(YAML::Emitter& out, const Value& v) {
  switch (v.kind) {
    case Value::Kind::kNull: out << YAML::Null; break;
    case Value::Kind::kBool:
    case Value::Kind::kNumber: out << v.text; break;
    case Value::Kind::kString: out << YAML::DoubleQuoted << v.text; break;
  }
}

void names(YAML::Emitter& out, const std::vector<std::string>& list) {
  out << YAML::Flow << YAML::BeginSeq;
  for (const auto& item : list) name(out, item);
  out << YAML::EndSeq;
}

void key(YAML::Emitter& out, const char* text) { out << YAML::Key << text << YAML::Value; }

void option(YAML::Emitter& out, const char* k, const Boxed<std::string>& v) {
  if (!v) return;
  key(out, k);
  name(out, *v);
}

void flag(YAML::Emitter& out, const char* k, bool v) {
  if (v) {
    key(out, k);
    out << "true";
  }
}

// Only the type: written as the shorthand `bio: text`.
bool is_bare(const Field& f) {
  Field bare;
  bare.name = f.name;
  bare.type = f.type;
  return !f.is_relation() && f.name == bare.name && f.max_length == bare.max_length &&
         f.max_digits == bare.max_digits && f.decimal_places == bare.decimal_places &&
         !f.null && !f.unique && !f.primary_key && !f.db_index && !f.default_value &&
         !f.db_column && f.choices.empty() && !f.renamed_from;
}

void field(YAML::Emitter& out, const Field& f) {
  name(out, f.name);
  out << YAML::Value;
  if (is_bare(f)) {
    out << to_string(f.type);
    return;
  }
  out << YAML::Flow << YAML::BeginMap;
  key(out, "type");
  out << to_string(f.type);
  if (f.max_length) key(out, "max_length"), out << *f.max_length;
  if (f.max_digits) key(out, "max_digits"), out << *f.max_digits;
  if (f.decimal_places) key(out, "decimal_places"), out << *f.decimal_places;
  if (f.is_relation()) {
    key(out, "to");
    name(out, f.to);
  }
  option(out, "to_field", f.to_field);
  if (f.on_delete) key(out, "on_delete"), out << to_string(*f.on_delete);
  option(out, "through", f.through);
  option(out, "db_table", f.db_table);
  flag(out, "null", f.null);
  flag(out, "primary_key", f.primary_key);
  flag(out, "unique", f.unique);
  if (f.db_index) key(out, "db_index"), out << (*f.db_index ? "true" : "false");
  if (f.default_value) {
    key(out, "default");
    value(out, *f.default_value);
  }
  if (!f.choices.empty()) {
    key(out, "choices");
    out << YAML::Flow << YAML::BeginSeq;
    for (const auto& choice : f.choices) value(out, choice);
    out << YAML::EndSeq;
  }
  option(out, "db_column", f.db_column);
  flag(out, "deferrable", f.deferrable);
  if (!f.db_constraint) key(out, "db_constraint"), out << "false";
  if (f.symmetrical) key(out, "symmetrical"), out << (*f.symmetrical ? "true" : "false");
  option(out, "related_name", f.related_name);
  option(out, "renamed_from", f.renamed_from);
  out << YAML::EndMap;
}

std::string model_text(const Model& m) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  name(out, m.name);
  out << YAML::Value << YAML::BeginMap;
  option(out, "table", m.table);
  option(out, "renamed_from", m.renamed_from);
  key(out, "fields");
  if (m.fields.empty()) {
    out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
  } else {
    out << YAML::BeginMap;
    for (const Field& f : m.fields) {
      out << YAML::Key;
      field(out, f);
    }
    out << YAML::EndMap;
  }
  if (!m.unique_together.empty()) {
    key(out, "unique_together");
    out << YAML::Flow << YAML::BeginSeq;
    for (const auto& group : m.unique_together) names(out, group.fields);
    out << YAML::EndSeq;
  }
  if (!m.indexes.empty()) {
    key(out, "indexes");
    out << YAML::Flow << YAML::BeginSeq;
    for (const auto& index : m.indexes) {
      out << YAML::Flow << YAML::BeginMap;
      key(out, "fields");
      names(out, index.fields);
      option(out, "name", index.name);
      flag(out, "unique", index.unique);
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::EndMap << YAML::EndMap;
  return out.c_str();
}

constexpr const char* kQuotedNullKey = ", \"null\": ";

// One comment line per line of `text`.
void comment(std::ostringstream& out, const std::string& indent, const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) out << indent << "#" << (line.empty() ? "" : " ") << line << "\n";
}

}  // namespace

std::string write_yaml(const Schema& schema, const YamlComments& comments) {
  std::ostringstream out;
  for (const auto& line : comments.header) comment(out, "", line);
  out << "version: 1\nmodels:";
  if (schema.models.empty()) out << " {}";
  out << "\n";
  for (const Model& m : schema.models) {
    if (auto it = comments.models.find(m.name); it != comments.models.end()) {
      for (const auto& line : it->second) comment(out, "  ", line);
    }
    std::istringstream lines(model_text(m));
    std::string line;
    while (std::getline(lines, line)) {
      // yaml-cpp quotes the option key `null` as it would a value; the loader
      // reads both spellings, and DESIGN.md writes it plain. An option map
      // always starts with `type`, so the key only ever follows ", ".
      for (auto at = line.find(kQuotedNullKey); at != std::string::npos;
           at = line.find(kQuotedNullKey, at)) {
        line.replace(at, std::string(kQuotedNullKey).size(), ", null: ");
      }
      out << "  " << line << "\n";
    }
  }
  return out.str();
}

}  // namespace keyway::model
