// Typed reading of YAML nodes (core/model/yaml_tree.h) for the schema loader.
// Every value read is checked, and every problem becomes a Diagnostic at the
// node's position (0-based in the tree, shown 1-based), so the loader never
// stops early.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/errors.h"
#include "core/model/model.h"
#include "core/model/yaml_tree.h"

namespace keyway::model {

// One key of a mapping with its value, in the order written; the key's text
// and the nodes belong to the parsed tree.
struct Entry {
  std::string_view key;
  const YamlNode* key_node;
  const YamlNode* value;

  // Where the value is, or the key when the value is empty (an empty value has
  // no text to point at).
  YamlMark mark() const { return value->is_null() ? key_node->mark() : value->mark(); }
};

// A list of names and where each was written.
struct NameList {
  std::vector<std::string> names;
  std::vector<SourceLocation> where;
};

// A phrase of a message: what it is about ("field 'email' of model 'User'") or
// where a key is ("in field 'email' of model 'User'"). Kept as its parts and
// written out only for a message: most reads report nothing, and a schema has
// thousands of fields. The name and the model are views, so a Phrase lives no
// longer than the text they name.
class Phrase {
 public:
  // Written as is: "models", "at the top level"; "" for none. Implicit, so a
  // literal can be passed where a Phrase is asked.
  Phrase(const char* text) : what_(text) {}
  // "<what> '<name>'", or "<what>" when the name is empty, then " of model
  // '<model>'" when there is a model: ("model", "User"), ("field", "email",
  // "User"), ("the fields", "", "User").
  Phrase(std::string what, std::string_view name, std::string_view model = {})
      : what_(std::move(what)), name_(name), model_(model) {}

  std::string text() const;

 private:
  std::string what_;
  std::string_view name_;
  std::string_view model_;
};

// How a node reads in a message: 'text', the string 'quoted', null, a list, a mapping.
std::string describe(const YamlNode& node);

// True for a letter or '_' followed by letters, digits and '_'.
bool is_identifier(std::string_view name);

// True for an optional sign followed by decimal digits.
bool is_integer_spelling(const std::string& text);

class YamlReader {
 public:
  YamlReader(FileName file, std::vector<Diagnostic>& diagnostics);

  FileName file() const { return file_; }
  SourceLocation at(YamlMark mark) const;
  SourceLocation at(const YamlNode& node) const { return at(node.mark()); }
  SourceLocation at(const Entry& entry) const { return at(entry.mark()); }
  void report(SourceLocation where, std::string message);
  void report(const YamlNode& node, std::string message) { report(at(node), std::move(message)); }

  // The entries of a mapping. When `node` is not one, reports "expected a mapping
  // for <subject>, got ..." and returns nothing. Keys that are not strings
  // ("expected a <key_noun> <context>, got ...") and repeated keys ("duplicate
  // key 'k' <context> (first at line L, column C)") are reported and left out.
  std::optional<std::vector<Entry>> mapping(const YamlNode& node, const Phrase& subject,
                                            const Phrase& context,
                                            std::string_view key_noun = "key");
  // The same for an entry's value; an empty value is reported at its key.
  std::optional<std::vector<Entry>> mapping(const Entry& entry, const Phrase& subject,
                                            const Phrase& context,
                                            std::string_view key_noun = "key");

  // Readers of option values. On a bad value each reports
  // "<subject>: expected <what> for <key>, got <value>" at the value.
  std::optional<std::string> string(const Entry& entry, const Phrase& subject);
  std::optional<bool> boolean(const Entry& entry, const Phrase& subject);
  std::optional<int> integer(const Entry& entry, const Phrase& subject, int minimum);
  std::optional<Value> value(const YamlNode& node, const Phrase& subject, std::string_view key);
  std::optional<NameList> names(const YamlNode& node, const Phrase& subject,
                                std::string_view key);

  // Reports "<subject>: expected <what> for <key>, got <value>" at the value.
  void expected(const YamlNode& node, const Phrase& subject, std::string_view what,
                std::string_view key);
  void expected(const Entry& entry, const Phrase& subject, std::string_view what);

 private:
  std::optional<std::vector<Entry>> mapping_at(const YamlNode& node, YamlMark where,
                                               const Phrase& subject, const Phrase& context,
                                               std::string_view key_noun);

  FileName file_;  // pooled once here, then copied into every position
  std::vector<Diagnostic>& diagnostics_;
};

// The keys of a mapping handed over one entry at a time (StreamedMapping),
// checked as YamlReader::mapping() checks a whole one, with the same messages.
class KeySieve {
 public:
  KeySieve(YamlReader& reader, Phrase context, std::string_view key_noun)
      : reader_(reader), context_(std::move(context)), key_noun_(key_noun) {}

  // True for a key to read; false for one reported and left out (not a
  // string, or repeated).
  bool keep(const YamlNode& key);

 private:
  YamlReader& reader_;
  Phrase context_;
  std::string_view key_noun_;
  std::unordered_map<std::string, YamlMark> first_;  // key -> where it was first written
};

}  // namespace keyway::model
