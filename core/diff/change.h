// The closed set of changes the diff produces: one small struct per kind of
// alteration, held in a std::variant. Every change has an inverse, so the
// reverse plan is the plan of the inverse changes.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/schema/schema.h"

namespace keyway::diff {

struct AddTable { schema::Table table; };
struct DropTable { schema::Table table; };
struct RenameTable { std::string from; std::string to; };

struct AddColumn { std::string table; schema::Column column; };
struct DropColumn { std::string table; schema::Column column; };
struct RenameColumn { std::string table; std::string from; std::string to; };

// What an AlterColumn changes: a set of flags, as Atlas's ChangeKind.
enum ColumnChangeFlags : unsigned {
  kChangeType = 1u << 0,
  kChangeNull = 1u << 1,
  kChangeDefault = 1u << 2,
};
struct AlterColumn {
  std::string table;
  schema::Column from;
  schema::Column to;
  unsigned changes = 0;  // ColumnChangeFlags
};

struct AddForeignKey { std::string table; schema::ForeignKey key; };
struct DropForeignKey { std::string table; schema::ForeignKey key; };
struct AddUnique { std::string table; schema::UniqueKey key; };
struct DropUnique { std::string table; schema::UniqueKey key; };
struct AddIndex { std::string table; schema::Index index; };
struct DropIndex { std::string table; schema::Index index; };
struct AddCheck { std::string table; schema::Check check; };
struct DropCheck { std::string table; schema::Check check; };

// Moves relationship links between shapes so that no link is lost when a
// relation changes kind. Runs after the target exists and before the source
// is dropped.
struct CopyLinks {
  enum class Mode {
    // foreign_key -> many_to_many: rows (key, fk column) of a model table
    // become junction rows.
    kColumnToJunction,
    // many_to_many -> foreign_key: each row takes one of its links (lossy
    // when a row had several).
    kJunctionToColumn,
    // implicit junction <-> `through` model: links copied row for row.
    kJunctionToJunction,
  };
  Mode mode = Mode::kJunctionToJunction;
  std::string from_table;
  std::string from_source_column;  // kColumnToJunction: the model's key
  std::string from_target_column;  // kColumnToJunction: the foreign key column
  std::string to_table;
  std::string to_source_column;    // kJunctionToColumn: the model's key
  std::string to_target_column;    // kJunctionToColumn: the foreign key column
  std::string relation;            // "Course.students", for reports
};

using Change = std::variant<AddTable, DropTable, RenameTable, AddColumn, DropColumn,
                            RenameColumn, AlterColumn, AddForeignKey, DropForeignKey,
                            AddUnique, DropUnique, AddIndex, DropIndex, AddCheck,
                            DropCheck, CopyLinks>;

// The table a change belongs to (the new name for renames).
const std::string& table_of(const Change& change);

// Plain words: "add foreign key post.author_id -> author.id ON DELETE CASCADE".
std::string describe(const Change& change);
// The change that undoes this one.
Change inverse(const Change& change);
// Drops a table or a column: rows or values are lost.
bool is_destructive(const Change& change);
// Can fail on existing rows: a unique over duplicates, a NOT NULL column
// without a default, a foreign key over orphans.
bool is_data_dependent(const Change& change);

}  // namespace keyway::diff
