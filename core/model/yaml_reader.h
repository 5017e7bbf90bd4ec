// Typed reading of YAML nodes (core/model/yaml_tree.h) for the schema loader.
// Every value read is checked, and every problem becomes a Diagnostic at the
// node's position (0-based in the tree, shown 1-based), so the loader never
// stops early.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/model/model.h"
#include "core/model/yaml_tree.h"

namespace keyway::model {

// One key of a mapping with its value, in the order written; the nodes belong
// to the parsed tree.
struct Entry {
  std::string key;
  const YamlNode* key_node;
  const YamlNode* value;
};

// A list of names and where each was written.
struct NameList {
  std::vector<std::string> names;
  std::vector<SourceLocation> where;
};

// How a node reads in a message: 'text', the string 'quoted', null, a list, a mapping.
std::string describe(const YamlNode& node);

// True for a letter or '_' followed by letters, digits and '_'.
bool is_identifier(const std::string& name);

// True for an optional sign followed by decimal digits.
bool is_integer_spelling(const std::string& text);

class YamlReader {
 public:
  YamlReader(std::string file, std::vector<Diagnostic>& diagnostics);

  const std::string& file() const { return file_; }
  SourceLocation at(YamlMark mark) const;
  SourceLocation at(const YamlNode& node) const { return at(node.mark()); }
  // An entry's value, or its key when the value is empty (an empty value has
  // no text to point at).
  SourceLocation at(const Entry& entry) const;
  void report(SourceLocation where, std::string message);
  void report(const YamlNode& node, std::string message) { report(at(node), std::move(message)); }

  // The entries of a mapping. When `node` is not one, reports "expected a mapping
  // for <subject>, got ..." and returns nothing. Keys that are not strings
  // ("expected a <key_noun> <context>, got ...") and repeated keys ("duplicate
  // key 'k' <context> (first at line L, column C)") are reported and left out.
  std::optional<std::vector<Entry>> mapping(const YamlNode& node, const std::string& subject,
                                            const std::string& context,
                                            const std::string& key_noun = "key");
  // The same for an entry's value; an empty value is reported at its key.
  std::optional<std::vector<Entry>> mapping(const Entry& entry, const std::string& subject,
                                            const std::string& context,
                                            const std::string& key_noun = "key");

  // Readers of option values. On a bad value each reports
  // "<subject>: expected <what> for <key>, got <value>" at the value.
  std::optional<std::string> string(const Entry& entry, const std::string& subject);
  std::optional<bool> boolean(const Entry& entry, const std::string& subject);
  std::optional<int> integer(const Entry& entry, const std::string& subject, int minimum);
  std::optional<Value> value(const YamlNode& node, const std::string& subject,
                             const std::string& key);
  std::optional<NameList> names(const YamlNode& node, const std::string& subject,
                                const std::string& key);

  // Reports "<subject>: expected <what> for <key>, got <value>" at the value.
  void expected(const YamlNode& node, const std::string& subject, const std::string& what,
                const std::string& key);
  void expected(const Entry& entry, const std::string& subject, const std::string& what);

 private:
  std::optional<std::vector<Entry>> mapping_at(const YamlNode& node, SourceLocation where,
                                               const std::string& subject,
                                               const std::string& context,
                                               const std::string& key_noun);

  std::string file_;
  std::vector<Diagnostic>& diagnostics_;
};

}  // namespace keyway::model
