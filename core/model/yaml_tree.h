// A YAML stream read with libyaml's event parser into a small tree that keeps
// where each node was written. The schema loader reads this tree instead of
// yaml-cpp's: libyaml parses a 5 MB schema about ten times faster, and the tree
// holds only what the loader asks (kind, text, plain or quoted, position).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyway::model {

// A 0-based position, in characters.
struct YamlMark {
  int line = 0;
  int column = 0;
};

class YamlNode {
 public:
  enum class Kind { kNull, kScalar, kSequence, kMapping };

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_scalar() const { return kind_ == Kind::kScalar; }
  bool is_sequence() const { return kind_ == Kind::kSequence; }
  bool is_mapping() const { return kind_ == Kind::kMapping; }
  // A scalar's text, or a null's as written ("", "~", "null"...).
  const std::string& text() const { return text_; }
  // Written plain (unquoted, untagged): only a plain scalar can be a boolean or a number.
  bool plain() const { return plain_; }
  YamlMark mark() const { return mark_; }

  // The items of a sequence; a mapping's keys and values, alternating.
  const std::vector<YamlNode>& children() const { return children_; }
  // Items of a sequence, entries of a mapping.
  std::size_t size() const { return is_mapping() ? children_.size() / 2 : children_.size(); }
  const YamlNode& key(std::size_t entry) const { return children_[2 * entry]; }
  const YamlNode& value(std::size_t entry) const { return children_[2 * entry + 1]; }

 private:
  friend class YamlTreeBuilder;

  Kind kind_ = Kind::kNull;
  bool plain_ = true;
  YamlMark mark_;
  std::string text_;
  std::vector<YamlNode> children_;
};

struct YamlSyntaxError {
  YamlMark mark;
  std::string message;
};

struct ParsedYaml {
  std::vector<YamlNode> documents;
  std::optional<YamlSyntaxError> error;  // set: `documents` is incomplete
  // The mapping asked for by a StreamedMapping was handed over entry by entry:
  // in `documents` it is there, at its place, without children.
  bool streamed = false;
};

// Asks parse_yaml() to hand over the entries of one mapping as they are read
// instead of keeping them in the tree: the value of the first key `key` of the
// first document's top-level mapping, when it is a mapping without an anchor.
// A schema's `models` is nearly all of its file: each model is read while its
// few nodes are fresh in the cache and dropped before the next is parsed, so
// the tree never holds the whole file.
struct StreamedMapping {
  std::string_view key;
  // Each key and value of that mapping in the order written (repeated and
  // non-string keys included); both nodes live only during the call. After a
  // syntax error, what was handed over must be dropped: the old tree had
  // nothing to read then either.
  std::function<void(const YamlNode& key, const YamlNode& value)> on_entry;
};

// Every document of `text`. Aliases are expanded into copies of their anchor's node.
ParsedYaml parse_yaml(std::string_view text, const StreamedMapping* streamed = nullptr);

}  // namespace keyway::model
