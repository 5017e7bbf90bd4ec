#include "core/model/yaml_reader.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

namespace keyway::model {

namespace {

// Mappings with more keys than this find repeated ones with a hash table; smaller
// ones (most: a field has a few options) with a scan of the keys read so far.
constexpr std::size_t kScannedKeys = 16;

bool is_bool_spelling(std::string_view text) {
  static constexpr std::array<std::string_view, 6> kSpellings = {"true",  "True",  "TRUE",
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

// The entry of `entries` whose key is `key`, if any.
const Entry* find_key(const std::vector<Entry>& entries, std::string_view key) {
  const auto found = std::find_if(entries.begin(), entries.end(),
                                  [&](const Entry& entry) { return entry.key == key; });
  return found == entries.end() ? nullptr : &*found;
}

bool is_string_key(const YamlNode& key) {
  return !key.is_sequence() && !key.is_mapping() && !key.text().empty();
}

void report_bad_key(YamlReader& reader, const YamlNode& key, const Phrase& context,
                    std::string_view key_noun) {
  reader.report(key, fmt::format("expected a {} {}, got {}", key_noun, context.text(),
                                 key.is_sequence() || key.is_mapping() ? describe(key)
                                                                       : "an empty key"));
}

void report_duplicate_key(YamlReader& reader, const YamlNode& key, const Phrase& context,
                          YamlMark first) {
  reader.report(key, fmt::format("duplicate key '{}' {} (first at line {}, column {})",
                                 key.text(), context.text(), first.line + 1, first.column + 1));
}

}  // namespace

bool KeySieve::keep(const YamlNode& key) {
  if (!is_string_key(key)) {
    report_bad_key(reader_, key, context_, key_noun_);
    return false;
  }
  const auto [first, added] = first_.try_emplace(key.text(), key.mark());
  if (!added) report_duplicate_key(reader_, key, context_, first->second);
  return added;
}

std::string Phrase::text() const {
  std::string text = what_;
  if (!name_.empty()) text += fmt::format(" '{}'", name_);
  if (!model_.empty()) text += fmt::format(" of model '{}'", model_);
  return text;
}

std::string describe(const YamlNode& node) {
  switch (node.kind()) {
    case YamlNode::Kind::kNull: return "null";
    case YamlNode::Kind::kScalar:
      return (node.plain() ? "'" : "the string '") + node.text() + "'";
    case YamlNode::Kind::kSequence: return node.size() == 0 ? "an empty list" : "a list";
    case YamlNode::Kind::kMapping: return "a mapping";
  }
  return "nothing";
}

bool is_identifier(std::string_view name) {
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

YamlReader::YamlReader(FileName file, std::vector<Diagnostic>& diagnostics)
    : file_(file), diagnostics_(diagnostics) {}

SourceLocation YamlReader::at(YamlMark mark) const {
  return SourceLocation{file_, mark.line + 1, mark.column + 1};
}

void YamlReader::report(SourceLocation where, std::string message) {
  diagnostics_.push_back(Diagnostic{std::move(where), std::move(message)});
}

void YamlReader::expected(const YamlNode& node, const Phrase& subject, std::string_view what,
                          std::string_view key) {
  const std::string text = subject.text();
  const std::string prefix = text.empty() ? "" : text + ": ";
  report(node, fmt::format("{}expected {} for {}, got {}", prefix, what, key, describe(node)));
}

void YamlReader::expected(const Entry& entry, const Phrase& subject, std::string_view what) {
  const std::string text = subject.text();
  const std::string prefix = text.empty() ? "" : text + ": ";
  report(at(entry), fmt::format("{}expected {} for {}, got {}", prefix, what, entry.key,
                                describe(*entry.value)));
}

std::optional<std::vector<Entry>> YamlReader::mapping(const YamlNode& node,
                                                      const Phrase& subject,
                                                      const Phrase& context,
                                                      std::string_view key_noun) {
  return mapping_at(node, node.mark(), subject, context, key_noun);
}

std::optional<std::vector<Entry>> YamlReader::mapping(const Entry& entry, const Phrase& subject,
                                                      const Phrase& context,
                                                      std::string_view key_noun) {
  return mapping_at(*entry.value, entry.mark(), subject, context, key_noun);
}

std::optional<std::vector<Entry>> YamlReader::mapping_at(const YamlNode& node, YamlMark where,
                                                         const Phrase& subject,
                                                         const Phrase& context,
                                                         std::string_view key_noun) {
  if (!node.is_mapping()) {
    report(at(where),
           fmt::format("expected a mapping for {}, got {}", subject.text(), describe(node)));
    return std::nullopt;
  }
  std::vector<Entry> entries;
  entries.reserve(node.size());
  const bool hashed = node.size() > kScannedKeys;
  std::unordered_map<std::string_view, std::size_t> places;  // key -> its entry, when hashed
  if (hashed) places.reserve(node.size());
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YamlNode& key = node.key(i);
    if (!is_string_key(key)) {
      report_bad_key(*this, key, context, key_noun);
      continue;
    }
    // A null key keeps its spelling: `null: true` is the option 'null'.
    const std::string& text = key.text();
    const Entry* first = nullptr;
    if (hashed) {
      const auto [seen, inserted] = places.emplace(text, entries.size());
      if (!inserted) first = &entries[seen->second];
    } else {
      first = find_key(entries, text);
    }
    if (first) {
      report_duplicate_key(*this, key, context, first->key_node->mark());
      continue;
    }
    entries.push_back(Entry{text, &key, &node.value(i)});
  }
  return entries;
}

std::optional<std::string> YamlReader::string(const Entry& entry, const Phrase& subject) {
  if (!entry.value->is_scalar() || entry.value->text().empty()) {
    expected(entry, subject, "a non-empty string");
    return std::nullopt;
  }
  return entry.value->text();
}

std::optional<bool> YamlReader::boolean(const Entry& entry, const Phrase& subject) {
  const YamlNode& node = *entry.value;
  if (!node.is_scalar() || !node.plain() || !is_bool_spelling(node.text())) {
    expected(entry, subject, "true or false");
    return std::nullopt;
  }
  return node.text()[0] == 't' || node.text()[0] == 'T';
}

std::optional<int> YamlReader::integer(const Entry& entry, const Phrase& subject, int minimum) {
  const YamlNode& node = *entry.value;
  const char* what = minimum > 0 ? "a positive integer" : "a non-negative integer";
  if (!node.is_scalar() || !node.plain()) {
    expected(entry, subject, what);
    return std::nullopt;
  }
  const std::string& text = node.text();
  int number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number < minimum) {
    expected(entry, subject, what);
    return std::nullopt;
  }
  return number;
}

std::optional<Value> YamlReader::value(const YamlNode& node, const Phrase& subject,
                                       std::string_view key) {
  if (node.is_null()) return Value{Value::Kind::kNull, ""};
  if (!node.is_scalar()) {
    expected(node, subject, "a single value", key);
    return std::nullopt;
  }
  const std::string& text = node.text();
  if (node.plain() && is_bool_spelling(text)) {
    return Value{Value::Kind::kBool, text[0] == 't' || text[0] == 'T' ? "true" : "false"};
  }
  if (node.plain() && is_number_spelling(text)) return Value{Value::Kind::kNumber, text};
  return Value{Value::Kind::kString, text};
}

std::optional<NameList> YamlReader::names(const YamlNode& node, const Phrase& subject,
                                          std::string_view key) {
  if (!node.is_sequence() || node.size() == 0) {
    expected(node, subject, "a non-empty list of field names", key);
    return std::nullopt;
  }
  NameList list;
  bool ok = true;
  for (const auto& item : node.children()) {
    if (!item.is_scalar() || item.text().empty()) {
      expected(item, subject, "a field name", key);
      ok = false;
      continue;
    }
    list.names.push_back(item.text());
    list.where.push_back(at(item));
  }
  if (!ok) return std::nullopt;
  return list;
}

}  // namespace keyway::model
