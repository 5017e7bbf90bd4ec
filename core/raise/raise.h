// raise(IR) -> model: the inverse of schema::lower() for a live database, so
// that `keyway inspect` can write a keyway schema (DESIGN.md §1) for it.
// Foreign keys become foreign_key, a foreign key with a unique on exactly its
// column one_to_one, a table that only joins two tables many_to_many (with
// db_table when its name is not the convention), a joining table with more
// columns a `through` model. Names that differ from DESIGN.md §2 are kept with
// `table` / `db_column`. Pure: no database, no files.
//
// What keyway cannot express is never faked: it is said in `notes`, and after
// raising, lower(raised) is diffed against the database, so every difference
// left (a composite key, an expression default, a type keyway has no name for)
// is a note too. An empty `notes` means the schema round-trips exactly.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/model/model.h"
#include "core/schema/dialect.h"
#include "core/schema/schema.h"

namespace keyway::raise {

struct RaisedSchema {
  model::Schema schema;  // models in table-name order, fields in column order
  // Database-wide objects keyway leaves alone: views, triggers...
  std::vector<std::string> unmanaged;
  // Per model: what the model cannot say about its table (and its junctions),
  // and the unmanaged objects on them. Sentences without a trailing period.
  std::map<std::string, std::vector<std::string>> notes;
};

// `dialect` answers which types the database cannot tell apart (SQLite keeps
// auto and big_auto alike), so keys and the columns pointing at them agree.
RaisedSchema raise(const schema::Database& db, const schema::Dialect& dialect);

}  // namespace keyway::raise
