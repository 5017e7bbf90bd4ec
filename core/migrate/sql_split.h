// Splits a migration file into statements, so that a runner can execute them
// one at a time and name the one that failed. The lexer knows what can hide a
// ';': quoted strings and identifiers ('..' and E'..' with its backslash
// escapes, "..", `..`), -- and nested /* */ comments, PostgreSQL dollar quotes
// ($$..$$, $tag$..$tag$; "$1" is a parameter), parentheses (as psql), and the
// BEGIN ... END body of a CREATE [TEMP] TRIGGER (SQLite) or a BEGIN ATOMIC
// function (PostgreSQL): inside one, a ';' ends the statement only after the
// END that closes the body, CASE ... END counted as psql does (the rule of
// sqlite3_complete(), https://www.sqlite.org/c3ref/complete.html, made
// CASE-aware). A PostgreSQL trigger has no BEGIN, so its ';' ends it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace keyway::migrate {

struct Statement {
  // As written, from its first token to its last: without the closing ';',
  // without the comments before it or after its last token, with those inside.
  std::string text;
  int line = 0;  // 1-based line of its first character in the file
};

// Statements in file order. Comments and blank text between statements are
// not statements, nor is an empty one (";;"). A last statement without ';' is
// one. Throws InputError "<file>:<line>: unterminated <what> starting here",
// <what> one of: string, quoted identifier, comment, dollar-quoted string, for
// one never closed (line: where it opened).
std::vector<Statement> split_statements(std::string_view sql, const std::string& file_name);

// The parsed contents of one migration file.
struct Script {
  std::vector<Statement> statements;
  // The first line, trimmed, is "-- keyway:no-transaction": run statement by statement,
  // outside a transaction (CREATE INDEX CONCURRENTLY cannot run in one).
  bool no_transaction = false;
};

Script parse_script(std::string_view sql, const std::string& file_name);

}  // namespace keyway::migrate
