// What raise() decides about each table before it writes any model: the
// model's name, its primary key, and whether the table is an implicit
// many_to_many junction or a `through` model.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/model.h"
#include "core/schema/dialect.h"
#include "core/schema/schema.h"

namespace keyway::raise {

// The key a model gets for its table.
struct KeyChoice {
  bool implicit_id = false;      // keyway's implicit `id` (big_auto): no field
  std::string column;            // the key column; empty when keyway would add `id`
  std::optional<model::FieldType> auto_type;  // kAuto / kBigAuto for a filled key
  schema::ColumnType lowered;    // the key's type as lower() gives it
  std::string note;              // why the key is not the table's, if it is not
};

// A junction table raised as a many_to_many field of `owner_table`'s model.
struct Junction {
  std::string owner_table;
  std::string target_table;
  std::string source_column;     // points at the owner
  std::string target_column;     // points at the target
  bool through = false;          // a `through` model rather than an implicit table
};

struct TableInfo {
  const schema::Table* table = nullptr;
  std::string model;             // the model's name
  KeyChoice key;
  std::optional<Junction> junction;
};

class Catalog {
 public:
  Catalog(const schema::Database& db, const schema::Dialect& dialect);

  const std::vector<TableInfo>& tables() const { return tables_; }
  const TableInfo* find(const std::string& table) const;
  const schema::Database& db() const { return db_; }
  const schema::Dialect& dialect() const { return dialect_; }

  // The one-column foreign key on `column`, if its target can be a `to`: a
  // table of the database, at its key or at a column with a unique of its own.
  const schema::ForeignKey* relation_key(const schema::Table& table,
                                         const std::string& column) const;

 private:
  KeyChoice choose_key(const schema::Table& table) const;
  std::optional<Junction> implicit_junction(const TableInfo& info) const;
  bool matches_implicit(const schema::Table& table, const schema::ForeignKey& source,
                        const schema::ForeignKey& target) const;
  std::optional<Junction> through_junction(const TableInfo& info) const;

  const schema::Database& db_;
  const schema::Dialect& dialect_;
  std::vector<TableInfo> tables_;
  std::map<std::string, std::size_t> by_table_;
};

// The two one-column foreign keys of a joining table, in column order, when
// it has exactly two and a unique over exactly their two columns.
std::optional<std::pair<const schema::ForeignKey*, const schema::ForeignKey*>> joining_keys(
    const schema::Table& table);

}  // namespace keyway::raise
