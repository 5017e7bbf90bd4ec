// A YAML stream read with libyaml's event parser into a small tree that keeps
// where each node was written. The schema loader reads this tree instead of
// yaml-cpp's: libyaml parses a 5 MB schema about ten times faster, and the tree
// holds only what the loader asks (kind, text, plain or quoted, position).
#pragma once

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
};

// Every document of `text`. Aliases are expanded into copies of their anchor's node.
ParsedYaml parse_yaml(std::string_view text);

}  // namespace keyway::model
