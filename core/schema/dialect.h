// Questions the diff and the planner ask a backend, so that the diff is
// written once and each database only answers what differs (Atlas's hooks).
// Pure: a dialect never talks to a database.
#pragma once

#include <cstddef>
#include <string>

#include "core/schema/schema.h"

namespace keyway::schema {

class Dialect {
 public:
  virtual ~Dialect() = default;
  virtual std::string name() const = 0;  // "sqlite", "postgresql"

  // The column type as this database declares it, e.g. "varchar(100)".
  virtual std::string type_sql(const ColumnType& type) const = 0;
  // Whether two column types are the same in this database.
  virtual bool same_type(const ColumnType& a, const ColumnType& b) const;
  // Whether two defaults (for a column of type `type`) are the same.
  virtual bool same_default(const ColumnType& type, const Boxed<Literal>& a,
                            const Boxed<Literal>& b) const;
  // Longest identifier the database keeps (0: no limit).
  virtual std::size_t max_identifier_length() const = 0;
  // True when CREATE TABLE may name a table that does not exist yet, so
  // foreign-key cycles need no separate ALTER TABLE ADD CONSTRAINT.
  virtual bool can_reference_missing_tables() const = 0;
  // How this backend creates a unique: a table constraint (true) or a unique
  // index (false). Tells the reverse plan how to drop what the plan created.
  virtual bool creates_unique_constraints() const { return false; }
  // Quote an identifier for this database.
  virtual std::string quote(const std::string& identifier) const;
};

}  // namespace keyway::schema
