// The schema IR: tables, columns, keys, uniques, foreign keys, indexes.
// One shape, produced both by lower(model) and by every backend's inspect(),
// so the diff is written once (as Atlas does with sql/schema).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/boxed.h"

// The values below are read whole by the diff, the renderers and compare,
// two schemas at a time, and at 10,000 models they no longer fit in the
// processor's caches: members that are usually absent are kept on the heap
// (Boxed, one pointer wide), enums are a byte, and the small members stand
// together at the end instead of each being padded to 8 bytes.
namespace keyway::schema {

enum class TypeKind : std::uint8_t {
  kAuto, kBigAuto, kSmallInteger, kInteger, kBigInteger, kBoolean, kChar, kText,
  kDate, kDateTime, kTime, kDecimal, kFloat, kUuid, kJson, kBinary,
  kOther,  // a database type keyway has no name for; `raw` holds its spelling
};

// The spelling of a kOther column type. Every other kind leaves it empty, so
// it is kept on the heap, and only when not empty. It reads as the
// std::string it stands for: "" when empty, compared as that string.
class TypeSpelling {
 public:
  TypeSpelling() = default;
  TypeSpelling(std::string text) { *this = std::move(text); }  // NOLINT: implicit, as a string
  TypeSpelling& operator=(std::string text) {
    if (text.empty()) {
      text_.reset();
    } else {
      text_ = std::move(text);
    }
    return *this;
  }

  const std::string& str() const;
  operator const std::string&() const { return str(); }  // NOLINT: reads as a string
  bool empty() const { return !text_; }
  // Empty is never held, so equal holders mean equal strings.
  bool operator==(const TypeSpelling&) const = default;

 private:
  Boxed<std::string> text_;
};

struct ColumnType {
  ColumnType() = default;
  // Implicit, so `{TypeKind::kChar, 100}` reads as the type it spells.
  ColumnType(TypeKind kind_, int length_ = 0, int precision_ = 0, int scale_ = 0)
      : kind(kind_), length(length_), precision(precision_), scale(scale_) {}

  TypeKind kind = TypeKind::kText;
  int length = 0;      // char
  int precision = 0;   // decimal
  int scale = 0;       // decimal
  TypeSpelling raw;    // kOther: the declared type as the database spells it
  bool operator==(const ColumnType&) const = default;
};

// A column default. Backends parse their catalog text into this shape, so
// 'abc' from SQLite and 'abc'::character varying from PostgreSQL compare equal.
struct Literal {
  enum class Kind { kNull, kBool, kNumber, kString, kExpression };
  Kind kind = Kind::kNull;
  std::string text;  // kBool: "true"/"false"; kString: unquoted; kExpression: SQL
  bool operator==(const Literal&) const = default;
};

enum class Action : std::uint8_t { kNoAction, kRestrict, kCascade, kSetNull, kSetDefault };

struct Column {
  Column() = default;
  Column(std::string name_, ColumnType type_, bool nullable_ = false)
      : name(std::move(name_)), type(std::move(type_)), nullable(nullable_) {}

  std::string name;
  ColumnType type;
  Boxed<Literal> default_value;         // most columns have none
  Boxed<std::string> renamed_from;      // a hint from the model, never inspected
  bool nullable = false;
  bool auto_increment = false;  // identity / AUTOINCREMENT / serial
};

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  Action on_delete = Action::kNoAction;
  Action on_update = Action::kNoAction;
  bool deferrable = false;  // DEFERRABLE INITIALLY DEFERRED
};

// A unique constraint or a unique index: the same thing to the diff.
struct UniqueKey {
  std::string name;
  std::vector<std::string> columns;
  // How the database holds it: a table constraint (SQLite's inline UNIQUE,
  // which only a table rebuild can drop) or a unique index. Set by inspect;
  // never compared by the diff.
  bool is_constraint = false;
};

struct Index {
  std::string name;
  std::vector<std::string> columns;
};

// A CHECK constraint; keyway writes `"col" IN (...)` for `choices`.
struct Check {
  std::string name;
  std::string expression;
};

// Where a junction table came from, so the diff can keep links when a
// relation changes shape (foreign_key -> many_to_many, adding `through`).
struct JunctionOrigin {
  std::string model;           // the model declaring the many_to_many
  std::string field;           // its field name
  std::string source_table;    // the declaring model's table
  std::string source_key;      // its primary key column
  std::string target_table;
  std::string source_column;   // this table's column pointing at source_table
  std::string target_column;   // this table's column pointing at target_table
  bool through = false;        // a `through` model rather than an implicit table
  // The implicit junction this relation would have without `through`.
  std::string implicit_table;
  std::string implicit_source_column;
  std::string implicit_target_column;
  // The column a foreign_key of the same field name would have on source_table.
  std::string foreign_key_column;
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::vector<std::string> primary_key;
  std::vector<UniqueKey> uniques;
  std::vector<Index> indexes;
  std::vector<ForeignKey> foreign_keys;
  std::vector<Check> checks;
  Boxed<std::string> renamed_from;           // a hint from the model
  // Set by lower() for junctions. Shared and never changed once set: a table
  // is copied several times per plan, and most tables are not junctions.
  std::shared_ptr<const JunctionOrigin> junction;
  std::vector<std::string> unmanaged;        // e.g. "partial index foo_idx"
  // The SQL of unmanaged objects on this table (partial indexes, triggers),
  // as the database keeps it, so a table rebuild can recreate them. Set by
  // inspect; never compared by the diff.
  std::vector<std::string> recreate_sql;

  const Column* find_column(const std::string& column_name) const;
  Column* find_column(const std::string& column_name);
};

// Positions in Database::tables by name, kept by find_table(): a cache, not
// part of the value (a copy starts without it, a moved-from one forgets it).
//
// It answers a name it holds by checking the table at that position, and a
// name it lacks without looking at the tables, so it has to see every change
// to the set of names. It sees by itself, at the next lookup:
//  - tables appended (the size grew, the buffer is the same or moved along);
//  - tables erased (the size shrank), and tables reordered (a held name is
//    found at another position): it indexes them all again;
//  - `tables` given another vector's buffer (moved or swapped in, or
//    reallocated as it grew): the same;
//  - a table renamed, or assigned over, through a pointer that find_table()
//    (the writable one) returned, for as long as that pointer is valid: each
//    such position is checked again when a name is not found.
// It cannot see, and has to be told with Database::forget_positions(), a
// change that keeps the buffer and the size and changes names through other
// references: renaming through tables[i] or an iterator, assigning a table or
// a vector of the same size over them, erasing and appending as many tables
// with no lookup in between. (Database::rename_table() renames in its sight.)
class TablePositions {
 public:
  TablePositions() = default;
  TablePositions(const TablePositions&) {}
  TablePositions& operator=(const TablePositions&) {
    forget();
    return *this;
  }
  TablePositions(TablePositions&& other) noexcept;
  TablePositions& operator=(TablePositions&& other) noexcept;

  // The position of the table named `name`, or nullopt when there is none.
  // `writable`: the caller gets a writable table there and may rename it.
  std::optional<std::size_t> find(const std::vector<Table>& tables, const std::string& name,
                                  bool writable);
  // Everything known: the next lookup indexes the tables again.
  void forget();

 private:
  using Entry = std::pair<const std::string, std::size_t>;
  struct Slot {
    const Entry* entry = nullptr;  // this position's name in positions_ (nodes stay put)
    bool handed_out = false;       // a writable pointer to it was returned
  };

  void catch_up(const std::vector<Table>& tables);
  void rebuild(const std::vector<Table>& tables);
  bool recheck_handed_out(const std::vector<Table>& tables);

  std::unordered_map<std::string, std::size_t> positions_;  // of tables[0, slots_.size())
  std::vector<Slot> slots_;                                 // by position
  std::vector<std::size_t> handed_out_;                     // positions, each once
  const Table* data_ = nullptr;                             // tables.data() when indexed
  bool built_ = false;
};

struct Database {
  std::vector<Table> tables;
  std::vector<std::string> unmanaged;  // views, triggers, ... reported, never touched

  // Everything unmanaged: the database's own, then each table's in order.
  std::vector<std::string> all_unmanaged() const;

  // The table named `table_name` (names are unique), or nullptr. Through a
  // cache of positions (TablePositions, which lists the changes to `tables`
  // it sees by itself): constant time, amortized, whether the table is there
  // or not. As it updates the cache, two threads must not call it on the same
  // Database at once.
  const Table* find_table(const std::string& table_name) const;
  Table* find_table(const std::string& table_name);

  // Renames the table named `from` to `to` and returns it, or nullptr when
  // there is none (`to` is then left alone). The caller keeps names unique.
  Table* rename_table(const std::string& from, const std::string& to);

  // To call after changing the names in `tables` in a way find_table() does
  // not see (see TablePositions).
  void forget_positions() { positions_.forget(); }

 private:
  mutable TablePositions positions_;
};

const char* to_string(TypeKind kind);
const char* to_sql(Action action);  // "CASCADE", "NO ACTION", ...

}  // namespace keyway::schema
