#include "core/model/yaml_reader.h"

#include <algorithm>
#include <charconv>
#include <map>

#include <fmt/format.h>

namespace keyway::model {

namespace {

// yaml-cpp tags plain scalars "?" and quoted ones "!"; only plain scalars can
// be booleans or numbers.
bool is_plain(const YAML::Node& node) { return node.Tag() == "?"; }

bool is_bool_spelling(const std::string& text) {
  static const std::vector<std::string> kSpellings = {"true", "True", "TRUE",
                                                      "false", "False", "FALSE"};
  return std::find(kSpellings.begin(), kSpellings.end(), text) != kSpellings.end();
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Skips a run of digits from `i`; returns how many there were.
std::size_t skip_digits(const std::string& text, std::size_t& i) {
  const std::size_t start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  return i - start;
}

// [-+]? (digits (. digits*)? | . digits) ([eE] [-+]? digits)?
bool is_number_spelling(const std::string& text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  std::size_t digits = skip_digits(text, i);
  if (i < text.size() && text[i] == '.') {
    ++i;
    digits += skip_digits(text, i);
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    if (skip_digits(text, i) == 0) return false;
  }
  return i == text.size();
}

}  // namespace

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null: return "null";
    case YAML::NodeType::Scalar:
      return (is_plain(node) ? "'" : "the string '") + node.Scalar() + "'";
    case YAML::NodeType::Sequence: return node.size() == 0 ? "an empty list" : "a list";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Undefined: break;
  }
  return "nothing";
}

bool is_identifier(const std::string& name) {
  const auto is_start = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  if (name.empty() || !is_start(name[0])) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return is_start(c) || is_digit(c); });
}

bool is_integer_spelling(const std::string& text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  return skip_digits(text, i) > 0 && i == text.size();
}

YamlReader::YamlReader(std::string file, std::string text, std::vector<Diagnostic>& diagnostics)
    : file_(std::move(file)), text_(std::move(text)), diagnostics_(diagnostics) {}

std::string YamlReader::key_text(const YAML::Node& key) const {
  if (key.IsScalar()) return key.Scalar();
  if (!key.IsNull() || key.Mark().is_null()) return "";
  const std::size_t pos = static_cast<std::size_t>(key.Mark().pos);
  for (const char* spelling : {"null", "Null", "NULL", "~"}) {
    if (text_.compare(pos, std::char_traits<char>::length(spelling), spelling) == 0) {
      return spelling;
    }
  }
  return "";  // an empty key
}

SourceLocation YamlReader::at(const YAML::Mark& mark) const {
  // A null mark (-1) belongs to a node yaml-cpp made up; show the file start.
  return SourceLocation{file_, std::max(mark.line, 0) + 1, std::max(mark.column, 0) + 1};
}

SourceLocation YamlReader::at(const Entry& entry) const {
  return entry.value.IsNull() ? at(entry.key_node) : at(entry.value);
}

void YamlReader::report(SourceLocation where, std::string message) {
  diagnostics_.push_back(Diagnostic{std::move(where), std::move(message)});
}

void YamlReader::expected(const YAML::Node& node, const std::string& subject,
                          const std::string& what, const std::string& key) {
  const std::string prefix = subject.empty() ? "" : subject + ": ";
  report(node, fmt::format("{}expected {} for {}, got {}", prefix, what, key, describe(node)));
}

void YamlReader::expected(const Entry& entry, const std::string& subject,
                          const std::string& what) {
  const std::string prefix = subject.empty() ? "" : subject + ": ";
  report(at(entry), fmt::format("{}expected {} for {}, got {}", prefix, what, entry.key,
                                describe(entry.value)));
}

std::optional<std::vector<Entry>> YamlReader::mapping(const YAML::Node& node,
                                                      const std::string& subject,
                                                      const std::string& context,
                                                      const std::string& key_noun) {
  return mapping_at(node, at(node), subject, context, key_noun);
}

std::optional<std::vector<Entry>> YamlReader::mapping(const Entry& entry,
                                                      const std::string& subject,
                                                      const std::string& context,
                                                      const std::string& key_noun) {
  return mapping_at(entry.value, at(entry), subject, context, key_noun);
}

std::optional<std::vector<Entry>> YamlReader::mapping_at(const YAML::Node& node,
                                                         SourceLocation where,
                                                         const std::string& subject,
                                                         const std::string& context,
                                                         const std::string& key_noun) {
  if (!node.IsMap()) {
    report(std::move(where),
           fmt::format("expected a mapping for {}, got {}", subject, describe(node)));
    return std::nullopt;
  }
  std::vector<Entry> entries;
  std::map<std::string, YAML::Mark> first_seen;
  for (const auto& item : node) {
    const YAML::Node& key = item.first;
    const std::string text = key_text(key);
    if (text.empty()) {
      report(key, fmt::format("expected a {} {}, got {}", key_noun, context,
                              key.IsSequence() || key.IsMap() ? describe(key) : "an empty key"));
      continue;
    }
    const auto [seen, inserted] = first_seen.emplace(text, key.Mark());
    if (!inserted) {
      report(key, fmt::format("duplicate key '{}' {} (first at line {}, column {})", text,
                              context, seen->second.line + 1, seen->second.column + 1));
      continue;
    }
    entries.push_back(Entry{text, key, item.second});
  }
  return entries;
}

std::optional<std::string> YamlReader::string(const Entry& entry, const std::string& subject) {
  if (!entry.value.IsScalar() || entry.value.Scalar().empty()) {
    expected(entry, subject, "a non-empty string");
    return std::nullopt;
  }
  return entry.value.Scalar();
}

std::optional<bool> YamlReader::boolean(const Entry& entry, const std::string& subject) {
  const YAML::Node& node = entry.value;
  if (!node.IsScalar() || !is_plain(node) || !is_bool_spelling(node.Scalar())) {
    expected(entry, subject, "true or false");
    return std::nullopt;
  }
  return node.Scalar()[0] == 't' || node.Scalar()[0] == 'T';
}

std::optional<int> YamlReader::integer(const Entry& entry, const std::string& subject,
                                       int minimum) {
  const YAML::Node& node = entry.value;
  const std::string what = minimum > 0 ? "a positive integer" : "a non-negative integer";
  if (!node.IsScalar() || !is_plain(node)) {
    expected(entry, subject, what);
    return std::nullopt;
  }
  const std::string& text = node.Scalar();
  int number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number < minimum) {
    expected(entry, subject, what);
    return std::nullopt;
  }
  return number;
}

std::optional<Value> YamlReader::value(const YAML::Node& node, const std::string& subject,
                                       const std::string& key) {
  if (node.IsNull()) return Value{Value::Kind::kNull, ""};
  if (!node.IsScalar()) {
    expected(node, subject, "a single value", key);
    return std::nullopt;
  }
  const std::string& text = node.Scalar();
  if (is_plain(node) && is_bool_spelling(text)) {
    return Value{Value::Kind::kBool, text[0] == 't' || text[0] == 'T' ? "true" : "false"};
  }
  if (is_plain(node) && is_number_spelling(text)) return Value{Value::Kind::kNumber, text};
  return Value{Value::Kind::kString, text};
}

std::optional<NameList> YamlReader::names(const YAML::Node& node, const std::string& subject,
                                          const std::string& key) {
  if (!node.IsSequence() || node.size() == 0) {
    expected(node, subject, "a non-empty list of field names", key);
    return std::nullopt;
  }
  NameList list;
  bool ok = true;
  for (const auto& item : node) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      expected(item, subject, "a field name", key);
      ok = false;
      continue;
    }
    list.names.push_back(item.Scalar());
    list.where.push_back(at(item));
  }
  if (!ok) return std::nullopt;
  return list;
}

}  // namespace keyway::model
