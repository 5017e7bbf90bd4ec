#include "backends/sqlite/sqlite_create_table.h"

#include <cctype>
#include <cstddef>
#include <utility>

#include "core/schema/naming.h"

namespace keyway::backends::sqlite {

namespace {

enum class TokenKind { kWord, kQuoted, kString, kNumber, kOpen, kClose, kComma, kOther };

struct Token {
  TokenKind kind;
  std::size_t begin;  // offsets into the statement text
  std::size_t end;
};

bool is_word_start(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalpha(u) || c == '_' || u >= 0x80;
}

bool is_word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

// The offset just past a quoted run that starts at `at` and ends with `close`;
// a doubled `close` inside stands for itself. An unterminated run ends the text.
std::size_t skip_quoted(const std::string& sql, std::size_t at, char close, bool doubling) {
  std::size_t i = at + 1;
  while (i < sql.size()) {
    if (sql[i] == close) {
      if (doubling && i + 1 < sql.size() && sql[i + 1] == close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return sql.size();
}

std::vector<Token> tokenize(const std::string& sql) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    const std::size_t start = i;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const std::size_t eol = sql.find('\n', i);
      i = eol == std::string::npos ? sql.size() : eol + 1;
      continue;
    }
    if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      const std::size_t close = sql.find("*/", i + 2);
      i = close == std::string::npos ? sql.size() : close + 2;
      continue;
    }
    TokenKind kind = TokenKind::kOther;
    if (c == '\'') {
      kind = TokenKind::kString;
      i = skip_quoted(sql, i, '\'', true);
    } else if (c == '"' || c == '`') {
      kind = TokenKind::kQuoted;
      i = skip_quoted(sql, i, c, true);
    } else if (c == '[') {
      kind = TokenKind::kQuoted;
      i = skip_quoted(sql, i, ']', false);
    } else if (is_word_start(c)) {
      kind = TokenKind::kWord;
      while (i < sql.size() && is_word_char(sql[i])) ++i;
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < sql.size() &&
                std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
      kind = TokenKind::kNumber;
      while (i < sql.size() && (is_word_char(sql[i]) || sql[i] == '.' ||
                                ((sql[i] == '+' || sql[i] == '-') &&
                                 (sql[i - 1] == 'e' || sql[i - 1] == 'E')))) {
        ++i;
      }
    } else {
      kind = c == '(' ? TokenKind::kOpen
             : c == ')' ? TokenKind::kClose
             : c == ',' ? TokenKind::kComma
                        : TokenKind::kOther;
      ++i;
    }
    tokens.push_back({kind, start, i});
  }
  return tokens;
}

std::string trim(const std::string& text) {
  std::size_t b = 0;
  std::size_t e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  return text.substr(b, e - b);
}

// Walks the tokens of one statement. Every index past the end reads as
// "nothing", so the callers need no bounds checks of their own.
class Reader {
 public:
  explicit Reader(const std::string& sql) : sql_(sql), tokens_(tokenize(sql)) {}

  std::size_t size() const { return tokens_.size(); }

  bool is(std::size_t i, TokenKind kind) const {
    return i < tokens_.size() && tokens_[i].kind == kind;
  }

  // Whether token i is the keyword `upper` (given in upper case).
  bool keyword(std::size_t i, const char* upper) const {
    if (!is(i, TokenKind::kWord)) return false;
    const Token& t = tokens_[i];
    std::size_t k = 0;
    for (std::size_t p = t.begin; p < t.end; ++p, ++k) {
      if (upper[k] == '\0') return false;
      if (std::toupper(static_cast<unsigned char>(sql_[p])) != upper[k]) return false;
    }
    return upper[k] == '\0';
  }

  std::string text(std::size_t i) const {
    const Token& t = tokens_[i];
    return sql_.substr(t.begin, t.end - t.begin);
  }

  // The source text from the start of token `first` to the end of token `last`.
  std::string span(std::size_t first, std::size_t last) const {
    return sql_.substr(tokens_[first].begin, tokens_[last].end - tokens_[first].begin);
  }

  // The source text strictly between tokens `open` and `close`.
  std::string between(std::size_t open, std::size_t close) const {
    return sql_.substr(tokens_[open].end, tokens_[close].begin - tokens_[open].end);
  }

  std::optional<std::string> identifier(std::size_t i) const {
    if (is(i, TokenKind::kWord)) return text(i);
    if (is(i, TokenKind::kQuoted) || is(i, TokenKind::kString)) {
      return unquote_identifier(text(i));
    }
    return std::nullopt;
  }

  // Given an opening parenthesis at `open`, the index of its closing one
  // (size() when unbalanced).
  std::size_t matching_close(std::size_t open) const {
    int depth = 0;
    for (std::size_t i = open; i < tokens_.size(); ++i) {
      if (tokens_[i].kind == TokenKind::kOpen) ++depth;
      if (tokens_[i].kind == TokenKind::kClose && --depth == 0) return i;
    }
    return tokens_.size();
  }

  // The comma-separated items at depth 0 in [first, last), as index ranges.
  std::vector<std::pair<std::size_t, std::size_t>> split(std::size_t first,
                                                         std::size_t last) const {
    std::vector<std::pair<std::size_t, std::size_t>> items;
    std::size_t start = first;
    for (std::size_t i = first; i < last; ++i) {
      if (is(i, TokenKind::kOpen)) {
        i = matching_close(i);
        if (i >= last) break;
      } else if (is(i, TokenKind::kComma)) {
        items.emplace_back(start, i);
        start = i + 1;
      }
    }
    if (start < last) items.emplace_back(start, last);
    return items;
  }

  // "(a, b COLLATE nocase DESC)" at `open` -> {a, b}.
  std::vector<std::string> column_list(std::size_t open) const {
    std::vector<std::string> columns;
    for (const auto& [b, e] : split(open + 1, matching_close(open))) {
      if (b < e) {
        if (auto name = identifier(b)) columns.push_back(*name);
      }
    }
    return columns;
  }

 private:
  const std::string& sql_;
  std::vector<Token> tokens_;
};

// Reads a foreign-key clause starting at the REFERENCES keyword `at`; fills
// `fk` and returns the index just past the clause (at most `last`).
std::size_t read_references(const Reader& r, std::size_t at, std::size_t last,
                            ParsedForeignKey& fk) {
  std::size_t i = at + 1;
  if (auto table = r.identifier(i)) {
    fk.ref_table = *table;
    ++i;
  }
  if (i < last && r.is(i, TokenKind::kOpen)) {
    fk.ref_columns = r.column_list(i);
    i = r.matching_close(i) + 1;
  }
  while (i < last) {
    if (r.keyword(i, "ON") && (r.keyword(i + 1, "DELETE") || r.keyword(i + 1, "UPDATE"))) {
      i += 2;
      const bool two_words = r.keyword(i, "SET") || r.keyword(i, "NO");
      i += two_words ? 2 : 1;
    } else if (r.keyword(i, "MATCH")) {
      i += 2;
    } else if (r.keyword(i, "NOT") && r.keyword(i + 1, "DEFERRABLE")) {
      fk.deferrable = false;
      i += 2;
      if (r.keyword(i, "INITIALLY")) i += 2;
    } else if (r.keyword(i, "DEFERRABLE")) {
      ++i;
      fk.deferrable = false;  // DEFERRABLE alone is INITIALLY IMMEDIATE
      if (r.keyword(i, "INITIALLY")) {
        fk.deferrable = r.keyword(i + 1, "DEFERRED");
        i += 2;
      }
    } else {
      break;
    }
  }
  return i < last ? i : last;
}

// A table constraint in [first, last): [CONSTRAINT name] PRIMARY KEY | UNIQUE |
// CHECK | FOREIGN KEY.
void read_table_constraint(const Reader& r, std::size_t first, std::size_t last,
                           CreateTable& out) {
  std::optional<std::string> name;
  std::size_t i = first;
  if (r.keyword(i, "CONSTRAINT")) {
    name = r.identifier(i + 1);
    i += 2;
  }
  const std::string text = r.span(first, last - 1);
  if (r.keyword(i, "PRIMARY") && r.keyword(i + 1, "KEY") && r.is(i + 2, TokenKind::kOpen)) {
    for (std::size_t k = i + 3; k < r.matching_close(i + 2); ++k) {
      if (r.keyword(k, "AUTOINCREMENT")) out.autoincrement = true;
    }
  } else if (r.keyword(i, "UNIQUE") && r.is(i + 1, TokenKind::kOpen)) {
    out.uniques.push_back({name, r.column_list(i + 1), text});
  } else if (r.keyword(i, "CHECK") && r.is(i + 1, TokenKind::kOpen)) {
    const std::size_t close = r.matching_close(i + 1);
    if (close < r.size()) {
      out.checks.push_back({name, std::nullopt, trim(r.between(i + 1, close)), text});
    }
  } else if (r.keyword(i, "FOREIGN") && r.keyword(i + 1, "KEY") &&
             r.is(i + 2, TokenKind::kOpen)) {
    ParsedForeignKey fk;
    fk.name = name;
    fk.columns = r.column_list(i + 2);
    const std::size_t ref = r.matching_close(i + 2) + 1;
    if (r.keyword(ref, "REFERENCES")) {
      read_references(r, ref, last, fk);
      fk.text = text;
      out.foreign_keys.push_back(std::move(fk));
    }
  }
}

// A column definition in [first, last): name [type] [column constraints].
void read_column(const Reader& r, std::size_t first, std::size_t last, CreateTable& out) {
  const std::optional<std::string> column = r.identifier(first);
  if (!column) return;
  std::optional<std::string> name;       // a pending CONSTRAINT name
  std::size_t constraint_start = first;  // where the pending constraint began
  std::size_t i = first + 1;
  while (i < last) {
    if (r.keyword(i, "CONSTRAINT")) {
      name = r.identifier(i + 1);
      constraint_start = i;
      i += 2;
      continue;
    }
    const std::size_t start = name ? constraint_start : i;
    if (r.keyword(i, "REFERENCES")) {
      ParsedForeignKey fk;
      fk.name = std::exchange(name, std::nullopt);
      fk.columns = {*column};
      i = read_references(r, i, last, fk);
      fk.text = r.span(start, i - 1);
      out.foreign_keys.push_back(std::move(fk));
    } else if (r.keyword(i, "UNIQUE")) {
      out.uniques.push_back({std::exchange(name, std::nullopt), {*column}, r.span(start, i)});
      ++i;
    } else if (r.keyword(i, "CHECK") && r.is(i + 1, TokenKind::kOpen)) {
      const std::size_t close = r.matching_close(i + 1);
      if (close >= last) return;
      out.checks.push_back({std::exchange(name, std::nullopt), *column,
                            trim(r.between(i + 1, close)), r.span(start, close)});
      i = close + 1;
    } else if (r.is(i, TokenKind::kOpen)) {
      i = r.matching_close(i) + 1;  // type arguments, DEFAULT (expr), AS (expr)
    } else {
      if (r.keyword(i, "AUTOINCREMENT")) out.autoincrement = true;
      if (r.keyword(i, "PRIMARY") || r.keyword(i, "NOT") || r.keyword(i, "NULL") ||
          r.keyword(i, "DEFAULT") || r.keyword(i, "COLLATE") || r.keyword(i, "GENERATED") ||
          r.keyword(i, "AS")) {
        name.reset();  // the pending name belonged to a constraint keyway does not read
      }
      ++i;
    }
  }
}

}  // namespace

std::string unquote_identifier(const std::string& token) {
  if (token.size() < 2) return token;
  const char open = token.front();
  const char close = open == '[' ? ']' : open;
  if ((open != '"' && open != '`' && open != '\'' && open != '[') || token.back() != close) {
    return token;
  }
  std::string out;
  for (std::size_t i = 1; i + 1 < token.size(); ++i) {
    out += token[i];
    if (open != '[' && token[i] == close && i + 2 < token.size() && token[i + 1] == close) ++i;
  }
  return out;
}

std::optional<CreateTable> parse_create_table(const std::string& sql) {
  const Reader r(sql);
  std::size_t i = 0;
  if (!r.keyword(i++, "CREATE")) return std::nullopt;
  if (r.keyword(i, "TEMP") || r.keyword(i, "TEMPORARY")) ++i;
  if (!r.keyword(i++, "TABLE")) return std::nullopt;
  if (r.keyword(i, "IF") && r.keyword(i + 1, "NOT") && r.keyword(i + 2, "EXISTS")) i += 3;

  CreateTable out;
  auto name = r.identifier(i++);
  if (!name) return std::nullopt;
  if (r.is(i, TokenKind::kOther) && r.text(i) == ".") {  // schema.table
    name = r.identifier(i + 1);
    if (!name) return std::nullopt;
    i += 2;
  }
  out.table = *name;
  if (!r.is(i, TokenKind::kOpen)) return std::nullopt;  // CREATE TABLE ... AS SELECT
  const std::size_t close = r.matching_close(i);
  if (close >= r.size()) return std::nullopt;

  for (const auto& [b, e] : r.split(i + 1, close)) {
    if (b >= e) continue;
    if (r.keyword(b, "CONSTRAINT") || r.keyword(b, "PRIMARY") || r.keyword(b, "UNIQUE") ||
        r.keyword(b, "CHECK") || r.keyword(b, "FOREIGN")) {
      read_table_constraint(r, b, e, out);
    } else {
      read_column(r, b, e, out);
    }
  }
  for (std::size_t k = close + 1; k + 1 < r.size(); ++k) {
    if (r.keyword(k, "WITHOUT") && r.keyword(k + 1, "ROWID")) out.without_rowid = true;
  }
  return out;
}

// The columns of `CREATE [UNIQUE] INDEX [IF NOT EXISTS] [schema.]name ON
// table (column [ASC|DESC], ...)` as written, when the text is exactly that:
// plain column names, no COLLATE, no expression, no WHERE, no comment.
// Anything else is nullopt, and pragma_index_xinfo reports the index instead.
// Reading the text saves that pragma's lookup of the index by name, which
// costs more the more indexes there are (SQLite's schema hash tables have a
// fixed number of buckets), so inspection stays linear in the schema's size.
std::optional<std::vector<std::string>> written_index_columns(const std::string& sql) {
  std::size_t at = 0;
  const auto skip_space = [&] {
    while (at < sql.size() && (sql[at] == ' ' || sql[at] == '\t' || sql[at] == '\n' ||
                               sql[at] == '\r' || sql[at] == '\f' || sql[at] == '\v')) {
      ++at;
    }
  };
  const auto is_word_char = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
           u == '_' || u == '$' || u >= 0x80;
  };
  // The next token: an identifier (bare or quoted, unquoted here) or one
  // punctuation character; nullopt at the end or on anything else.
  struct Token {
    std::string text;
    bool quoted = false;
  };
  const auto next = [&]() -> std::optional<Token> {
    skip_space();
    if (at >= sql.size()) return std::nullopt;
    const char c = sql[at];
    if (c == '(' || c == ')' || c == ',' || c == '.') {
      ++at;
      return Token{std::string(1, c), false};
    }
    if (c == '"' || c == '`' || c == '[') {
      const char close = c == '[' ? ']' : c;
      std::string text;
      for (++at; at < sql.size(); ++at) {
        if (sql[at] != close) {
          text += sql[at];
        } else if (close != ']' && at + 1 < sql.size() && sql[at + 1] == close) {
          text += close;  // a doubled quote stands for itself
          ++at;
        } else {
          ++at;
          return Token{std::move(text), true};
        }
      }
      return std::nullopt;
    }
    if (!is_word_char(c) || (c >= '0' && c <= '9')) return std::nullopt;
    const std::size_t start = at;
    while (at < sql.size() && is_word_char(sql[at])) ++at;
    return Token{sql.substr(start, at - start), false};
  };
  const auto keyword = [](const std::optional<Token>& t, const char* word) {
    return t && !t->quoted && schema::lower_ascii(t->text) == word;
  };
  const auto name = [](const std::optional<Token>& t) {
    return t && (t->quoted || (t->text != "(" && t->text != ")" && t->text != "," &&
                               t->text != "."));
  };

  std::optional<Token> t = next();
  if (!keyword(t, "create")) return std::nullopt;
  t = next();
  if (keyword(t, "unique")) t = next();
  if (!keyword(t, "index")) return std::nullopt;
  t = next();
  if (keyword(t, "if")) {
    if (!keyword(next(), "not") || !keyword(next(), "exists")) return std::nullopt;
    t = next();
  }
  if (!name(t)) return std::nullopt;  // [schema.]index
  t = next();
  if (t && !t->quoted && t->text == ".") {
    if (!name(next())) return std::nullopt;
    t = next();
  }
  if (!keyword(t, "on") || !name(next())) return std::nullopt;
  t = next();
  if (!t || t->quoted || t->text != "(") return std::nullopt;
  std::vector<std::string> columns;
  while (true) {
    t = next();
    // Bare words SQLite reads as values, not column names, are left to the pragma.
    if (!name(t) || keyword(t, "asc") || keyword(t, "desc") || keyword(t, "collate") ||
        keyword(t, "null") || keyword(t, "true") || keyword(t, "false") ||
        keyword(t, "current_time") || keyword(t, "current_date") ||
        keyword(t, "current_timestamp")) {
      return std::nullopt;
    }
    columns.push_back(t->text);
    t = next();
    if (keyword(t, "asc") || keyword(t, "desc")) t = next();
    if (!t || t->quoted) return std::nullopt;
    if (t->text == ")") break;
    if (t->text != ",") return std::nullopt;
  }
  skip_space();
  if (at != sql.size()) return std::nullopt;  // WHERE, a comment, ...
  return columns;
}

}  // namespace keyway::backends::sqlite
