#include "core/model/yaml_tree.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml.h>

namespace keyway::model {

namespace {

// Aliases are copied, so a few nested ones could ask for billions of nodes.
constexpr std::size_t kMaxAliasNodes = 1'000'000;

// YAML 1.2's core schema: the plain scalars that mean null.
bool is_null_spelling(std::string_view text) {
  static constexpr std::array<std::string_view, 5> kSpellings = {"", "~", "null", "Null",
                                                                 "NULL"};
  return std::find(kSpellings.begin(), kSpellings.end(), text) != kSpellings.end();
}

YamlMark mark_of(const yaml_mark_t& mark) {
  return YamlMark{static_cast<int>(mark.line), static_cast<int>(mark.column)};
}

std::string text_of(const yaml_char_t* text) {
  return text ? std::string(reinterpret_cast<const char*>(text)) : std::string();
}

std::size_t node_count(const YamlNode& node) {
  std::size_t count = 1;
  for (const auto& child : node.children()) count += node_count(child);
  return count;
}

// The position of a byte offset (libyaml's reader errors give only that).
YamlMark mark_at_offset(std::string_view text, std::size_t offset) {
  YamlMark mark;
  for (std::size_t i = 0; i < std::min(offset, text.size()); ++i) {
    if (text[i] == '\n') {
      ++mark.line;
      mark.column = 0;
    } else {
      ++mark.column;
    }
  }
  return mark;
}

YamlSyntaxError syntax_error(const yaml_parser_t& parser, std::string_view text) {
  const std::string problem = parser.problem ? parser.problem : "cannot parse";
  if (parser.error == YAML_READER_ERROR) {
    return YamlSyntaxError{mark_at_offset(text, parser.problem_offset),
                           fmt::format("{} (byte {})", problem, parser.problem_offset)};
  }
  if (!parser.context) return YamlSyntaxError{mark_of(parser.problem_mark), problem};
  return YamlSyntaxError{mark_of(parser.problem_mark),
                         fmt::format("{} ({} started at line {}, column {})", problem,
                                     parser.context, parser.context_mark.line + 1,
                                     parser.context_mark.column + 1)};
}

class Parser {
 public:
  explicit Parser(std::string_view text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~Parser() { yaml_parser_delete(&parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  yaml_parser_t& get() { return parser_; }

 private:
  yaml_parser_t parser_;
};

class Event {
 public:
  Event() = default;
  ~Event() { clear(); }
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  // Reads the next event, releasing the previous one; false on a syntax error.
  bool next(yaml_parser_t& parser) {
    clear();
    filled_ = yaml_parser_parse(&parser, &event_) != 0;
    return filled_;
  }
  const yaml_event_t& operator*() const { return event_; }
  const yaml_event_t* operator->() const { return &event_; }

 private:
  void clear() {
    if (filled_) yaml_event_delete(&event_);
    filled_ = false;
  }

  yaml_event_t event_{};
  bool filled_ = false;
};

}  // namespace

// Turns libyaml's events into nodes: collections being read wait on a stack
// until their end event, and the nodes read inside them in one shared list, so
// each collection takes its children in one allocation of their exact number.
class YamlTreeBuilder {
 public:
  YamlTreeBuilder(std::string_view text, const StreamedMapping* streamed)
      : text_(text), streamed_(streamed) {}

  ParsedYaml build() {
    Parser parser(text_);
    Event event;
    for (;;) {
      if (!event.next(parser.get())) {
        result_.error = syntax_error(parser.get(), text_);
        return std::move(result_);
      }
      if (event->type == YAML_STREAM_END_EVENT) return std::move(result_);
      if (!take(*event)) return std::move(result_);
    }
  }

 private:
  struct Open {
    YamlNode node;
    std::string anchor;
    std::size_t first_child;  // where its children start in `pending_`
    bool streamed = false;    // its entries go to streamed_->on_entry
  };

  bool take(const yaml_event_t& event) {
    switch (event.type) {
      case YAML_DOCUMENT_START_EVENT: anchors_.clear(); return true;
      case YAML_SCALAR_EVENT: add(scalar(event), text_of(event.data.scalar.anchor)); return true;
      case YAML_SEQUENCE_START_EVENT:
        open(YamlNode::Kind::kSequence, event, event.data.sequence_start.anchor);
        return true;
      case YAML_MAPPING_START_EVENT:
        open(YamlNode::Kind::kMapping, event, event.data.mapping_start.anchor);
        return true;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: close(); return true;
      case YAML_ALIAS_EVENT: return alias(event);
      default: return true;  // stream start, document end, no event
    }
  }

  static YamlNode scalar(const yaml_event_t& event) {
    const auto& data = event.data.scalar;
    YamlNode node;
    node.text_.assign(reinterpret_cast<const char*>(data.value), data.length);
    node.mark_ = mark_of(event.start_mark);
    node.plain_ = data.style == YAML_PLAIN_SCALAR_STYLE && data.tag == nullptr;
    node.kind_ = node.plain_ && is_null_spelling(node.text_) ? YamlNode::Kind::kNull
                                                             : YamlNode::Kind::kScalar;
    return node;
  }

  void open(YamlNode::Kind kind, const yaml_event_t& event, const yaml_char_t* anchor) {
    Open open;
    open.node.kind_ = kind;
    open.node.plain_ = false;
    open.node.mark_ = mark_of(event.start_mark);
    open.anchor = text_of(anchor);
    open.first_child = pending_.size();
    open.streamed = kind == YamlNode::Kind::kMapping && open.anchor.empty() && is_streamed_value();
    if (open.streamed) result_.streamed = true;
    stack_.push_back(std::move(open));
  }

  // Whether a collection opening now is the value of the first key
  // streamed_->key in the first document's top-level mapping. That mapping's
  // keys and values wait in `pending_`, alternating, the last a key when a
  // value is next; a key counts when it is a non-empty scalar (or null)
  // spelling, the keys a reader of the mapping keeps.
  bool is_streamed_value() const {
    if (streamed_ == nullptr || stack_.size() != 1 || !result_.documents.empty()) return false;
    const Open& root = stack_.front();
    if (root.node.kind_ != YamlNode::Kind::kMapping) return false;
    const std::size_t count = pending_.size() - root.first_child;
    if (count % 2 == 0) return false;  // a key is opening, not a value
    const auto is_the_key = [&](const YamlNode& key) {
      return (key.is_scalar() || key.is_null()) && key.text() == streamed_->key;
    };
    for (std::size_t i = root.first_child; i + 1 < pending_.size(); i += 2) {
      if (is_the_key(pending_[i])) return false;  // a repeated key: not the first
    }
    return is_the_key(pending_.back());
  }

  void close() {
    Open done = std::move(stack_.back());
    stack_.pop_back();
    const auto first = pending_.begin() + static_cast<std::ptrdiff_t>(done.first_child);
    done.node.children_.assign(std::make_move_iterator(first),
                               std::make_move_iterator(pending_.end()));
    pending_.erase(first, pending_.end());
    add(std::move(done.node), done.anchor);
  }

  bool alias(const yaml_event_t& event) {
    const std::string name = text_of(event.data.alias.anchor);
    const YamlMark where = mark_of(event.start_mark);
    const auto anchored = anchors_.find(name);
    if (anchored == anchors_.end()) {
      result_.error = YamlSyntaxError{where, fmt::format("unknown alias '*{}'", name)};
      return false;
    }
    alias_nodes_ += node_count(anchored->second);
    if (alias_nodes_ > kMaxAliasNodes) {
      result_.error = YamlSyntaxError{
          where, fmt::format("aliases expand to more than {} nodes", kMaxAliasNodes)};
      return false;
    }
    YamlNode copy = anchored->second;
    copy.mark_ = where;
    add(std::move(copy), "");
    return true;
  }

  void add(YamlNode node, const std::string& anchor) {
    if (!anchor.empty()) anchors_[anchor] = node;
    if (!stack_.empty() && stack_.back().streamed &&
        (pending_.size() - stack_.back().first_child) % 2 == 1) {
      streamed_->on_entry(pending_.back(), node);  // `node` is the value of that key
      pending_.pop_back();
      return;
    }
    if (stack_.empty()) {
      result_.documents.push_back(std::move(node));
    } else {
      pending_.push_back(std::move(node));
    }
  }

  std::string_view text_;
  const StreamedMapping* streamed_;
  ParsedYaml result_;
  std::vector<Open> stack_;
  std::vector<YamlNode> pending_;  // children of the open collections, innermost last
  std::unordered_map<std::string, YamlNode> anchors_;
  std::size_t alias_nodes_ = 0;
};

ParsedYaml parse_yaml(std::string_view text, const StreamedMapping* streamed) {
  return YamlTreeBuilder(text, streamed).build();
}

}  // namespace keyway::model
