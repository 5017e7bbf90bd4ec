#include "core/raise/choices.h"

#include <cctype>

#include "core/schema/naming.h"
#include "core/schema/sql_literal.h"

namespace keyway::raise {

namespace {

// A cursor over the expression; every read skips the spaces before it.
class Scanner {
 public:
  explicit Scanner(const std::string& text) : text_(text) {}

  bool at_end() {
    skip_spaces();
    return pos_ == text_.size();
  }

  bool take(char c) {
    skip_spaces();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  // A quoted ("...", with "" for a quote) or bare identifier.
  std::optional<std::string> identifier() {
    skip_spaces();
    if (take('"')) return quoted('"');
    std::string out;
    while (pos_ < text_.size() && is_word(text_[pos_])) out += text_[pos_++];
    if (out.empty()) return std::nullopt;
    return out;
  }

  // One value of the list, up to the next ',' or ')'.
  std::optional<model::Value> value() {
    skip_spaces();
    if (take('\'')) {
      auto text = quoted('\'');
      if (!text) return std::nullopt;
      return model::Value{model::Value::Kind::kString, *text};
    }
    std::string word;
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != ')' &&
           !std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      word += text_[pos_++];
    }
    const std::string lower = schema::lower_ascii(word);
    if (lower == "null") return model::Value{model::Value::Kind::kNull, ""};
    if (lower == "true" || lower == "false") return model::Value{model::Value::Kind::kBool, lower};
    if (schema::is_sql_number(word)) return model::Value{model::Value::Kind::kNumber, word};
    return std::nullopt;
  }

 private:
  static bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

  void skip_spaces() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  // The rest of a quoted token whose opening `quote` was read.
  std::optional<std::string> quoted(char quote) {
    std::string out;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c != quote) {
        out += c;
      } else if (pos_ < text_.size() && text_[pos_] == quote) {
        out += quote;
        ++pos_;
      } else {
        return out;
      }
    }
    return std::nullopt;
  }

  const std::string& text_;
  std::size_t pos_ = 0;
};

// The expression without parentheses that wrap all of it.
std::string unwrapped(std::string text) {
  while (true) {
    const auto first = text.find_first_not_of(" \t\n");
    const auto last = text.find_last_not_of(" \t\n");
    if (first == std::string::npos || text[first] != '(' || text[last] != ')') return text;
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = first; i < last; ++i) {
      if (text[i] == '\'') in_string = !in_string;
      if (in_string) continue;
      if (text[i] == '(') ++depth;
      if (text[i] == ')' && --depth == 0) return text;  // closes before the end
    }
    text = text.substr(first + 1, last - first - 1);
  }
}

}  // namespace

std::optional<ChoiceCheck> parse_choice_check(const std::string& expression) {
  const std::string text = unwrapped(expression);
  Scanner in(text);
  ChoiceCheck out;
  auto column = in.identifier();
  if (!column) return std::nullopt;
  out.column = *column;
  auto keyword = in.identifier();
  if (!keyword || schema::lower_ascii(*keyword) != "in" || !in.take('(')) return std::nullopt;
  do {
    auto value = in.value();
    if (!value) return std::nullopt;
    out.values.push_back(*value);
  } while (in.take(','));
  if (!in.take(')') || !in.at_end()) return std::nullopt;
  return out;
}

}  // namespace keyway::raise
