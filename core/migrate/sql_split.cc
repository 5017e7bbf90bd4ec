#include "core/migrate/sql_split.h"

#include <optional>

#include <fmt/format.h>

#include "core/errors.h"

namespace keyway::migrate {

namespace {

constexpr std::string_view kNoTransactionMarker = "-- keyway:no-transaction";
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";  // some editors start UTF-8 files with it

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
// Bytes of multi-byte UTF-8 characters count as letters, as in PostgreSQL.
bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_tag_char(char c) { return is_ident_start(c) || is_digit(c); }
// PostgreSQL and SQLite both allow '$' inside an unquoted identifier.
bool is_ident_char(char c) { return is_tag_char(c) || c == '$'; }

std::string upper(std::string_view word) {
  std::string out(word);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// One pass over the file. Whitespace and comments are skipped; everything
// else is a token, and a statement runs from its first token to its last.
class Splitter {
 public:
  Splitter(std::string_view sql, const std::string& file_name)
      : sql_(sql), file_name_(file_name) {}

  std::vector<Statement> run() {
    if (sql_.starts_with(kByteOrderMark)) pos_ = kByteOrderMark.size();
    while (pos_ < sql_.size()) step();
    finish_statement();
    return std::move(statements_);
  }

 private:
  char at(std::size_t i) const { return i < sql_.size() ? sql_[i] : '\0'; }

  void advance() {
    if (sql_[pos_] == '\n') ++line_;
    ++pos_;
  }

  void step() {
    const char c = sql_[pos_];
    if (is_space(c)) return advance();
    if (c == '-' && at(pos_ + 1) == '-') return skip_line_comment();
    if (c == '/' && at(pos_ + 1) == '*') return skip_block_comment();
    if (c == ';' && body_depth_ == 0 && paren_depth_ == 0) {
      advance();
      return finish_statement();
    }
    if (!start_) {
      start_ = pos_;
      start_line_ = line_;
    }
    if (is_ident_start(c)) return word();
    if (c == '\'') {
      skip_quoted('\'', "string", false);
    } else if (c == '"') {
      skip_quoted('"', "quoted identifier", false);
    } else if (c == '`') {
      skip_quoted('`', "quoted identifier", false);
    } else if (c == '$' && dollar_tag_length() > 0) {
      skip_dollar_quoted(dollar_tag_length());
    } else if (c == '(') {
      ++paren_depth_;
      advance();
    } else if (c == ')') {
      if (paren_depth_ > 0) --paren_depth_;
      advance();
    } else {
      advance();  // an operator, a digit, or a ";" inside a body or parentheses
    }
    end_ = pos_;
    previous_word_.clear();
  }

  void skip_line_comment() {
    while (pos_ < sql_.size() && sql_[pos_] != '\n') advance();
  }

  // PostgreSQL nests block comments; SQLite does not, but a "/*" inside a
  // SQLite comment is rare enough not to matter.
  void skip_block_comment() {
    const int opened = line_;
    int depth = 0;
    while (pos_ < sql_.size()) {
      if (sql_[pos_] == '/' && at(pos_ + 1) == '*') {
        ++depth;
        pos_ += 2;
      } else if (sql_[pos_] == '*' && at(pos_ + 1) == '/') {
        pos_ += 2;
        if (--depth == 0) return;
      } else {
        advance();
      }
    }
    unterminated("comment", opened);
  }

  // A quote doubled inside is the quote itself; with `backslash_escapes`
  // (PostgreSQL's E'...'), a backslash escapes the next character.
  void skip_quoted(char quote, const char* what, bool backslash_escapes) {
    const int opened = line_;
    advance();
    while (pos_ < sql_.size()) {
      const char c = sql_[pos_];
      if (backslash_escapes && c == '\\' && pos_ + 1 < sql_.size()) {
        advance();
      } else if (c == quote) {
        advance();
        if (at(pos_) != quote) return;
      }
      advance();
    }
    unterminated(what, opened);
  }

  // The length of the "$tag$" opening at pos_, or 0 when there is none
  // ("$1" is a parameter). The tag follows identifier rules without '$'.
  std::size_t dollar_tag_length() const {
    std::size_t i = pos_ + 1;
    if (at(i) != '$') {
      if (!is_ident_start(at(i))) return 0;
      while (is_tag_char(at(i))) ++i;
      if (at(i) != '$') return 0;
    }
    return i + 1 - pos_;
  }

  void skip_dollar_quoted(std::size_t tag_length) {
    const int opened = line_;
    const std::string_view tag = sql_.substr(pos_, tag_length);
    const std::size_t close = sql_.find(tag, pos_ + tag_length);
    if (close == std::string_view::npos) unterminated("dollar-quoted string", opened);
    while (pos_ < close + tag_length) advance();
  }

  void word() {
    const std::size_t begin = pos_;
    while (is_ident_char(at(pos_))) advance();
    const std::string w = upper(sql_.substr(begin, pos_ - begin));
    if (w == "E" && at(pos_) == '\'') {  // E'it\'s': PostgreSQL's escape string
      skip_quoted('\'', "string", true);
      end_ = pos_;
      previous_word_.clear();
      return;
    }
    end_ = pos_;
    on_word(w);
  }

  // Tracks the BEGIN ... END body of CREATE [TEMP] TRIGGER and of BEGIN
  // ATOMIC, counting the CASE ... END inside as psql does, so that only the
  // END that closes the body lets a ';' end the statement.
  void on_word(const std::string& w) {
    if (head_.size() < 3) head_.push_back(w);
    if (body_depth_ > 0) {
      if (w == "BEGIN" || w == "CASE") ++body_depth_;
      if (w == "END") --body_depth_;
    } else if ((w == "BEGIN" && is_trigger()) || (w == "ATOMIC" && previous_word_ == "BEGIN")) {
      body_depth_ = 1;
    }
    previous_word_ = w;
  }

  bool is_trigger() const {
    if (head_.size() < 2 || head_[0] != "CREATE") return false;
    if (head_[1] == "TRIGGER") return true;
    return head_.size() == 3 && (head_[1] == "TEMP" || head_[1] == "TEMPORARY") &&
           head_[2] == "TRIGGER";
  }

  void finish_statement() {
    if (start_) {
      statements_.push_back({std::string(sql_.substr(*start_, end_ - *start_)), start_line_});
    }
    start_.reset();
    head_.clear();
    previous_word_.clear();
    body_depth_ = 0;
    paren_depth_ = 0;
  }

  [[noreturn]] void unterminated(const char* what, int line) const {
    throw InputError(fmt::format("{}:{}: unterminated {} starting here", file_name_, line, what));
  }

  std::string_view sql_;
  const std::string& file_name_;
  std::size_t pos_ = 0;
  int line_ = 1;
  std::vector<Statement> statements_;

  // The statement being read: where its first token starts and its last ends.
  std::optional<std::size_t> start_;
  int start_line_ = 0;
  std::size_t end_ = 0;
  std::vector<std::string> head_;  // its first three words, upper-cased
  std::string previous_word_;      // the token before, when it was a word
  int body_depth_ = 0;             // > 0 inside a trigger or BEGIN ATOMIC body
  // As in psql, a ';' inside parentheses does not end a statement either
  // (PostgreSQL's CREATE RULE ... DO ALSO (a; b)).
  int paren_depth_ = 0;
};

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

std::vector<Statement> split_statements(std::string_view sql, const std::string& file_name) {
  return Splitter(sql, file_name).run();
}

Script parse_script(std::string_view sql, const std::string& file_name) {
  Script script;
  script.statements = split_statements(sql, file_name);
  if (sql.starts_with(kByteOrderMark)) sql.remove_prefix(kByteOrderMark.size());
  script.no_transaction = trim(sql.substr(0, sql.find('\n'))) == kNoTransactionMarker;
  return script;
}

}  // namespace keyway::migrate
