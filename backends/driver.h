// The narrow interface every database backend implements: inspect a live
// database into the schema IR, render ordered changes into a plan of SQL, and
// apply a plan. Everything that touches a database sits behind it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/diff/change.h"
#include "core/plan/plan.h"
#include "core/schema/dialect.h"
#include "core/schema/schema.h"

namespace keyway::backends {

class Driver {
 public:
  virtual ~Driver() = default;

  virtual const schema::Dialect& dialect() const = 0;

  // The live schema, without keyway's own tables and the database's internal ones.
  virtual schema::Database inspect() = 0;

  // SQL for `changes`, already ordered by plan::order(). `from` is the schema
  // the changes start from (as inspected), `to` the schema they lead to.
  virtual plan::Plan render(const std::vector<diff::Change>& changes,
                            const schema::Database& from,
                            const schema::Database& to) const = 0;

  // The whole plan as one script a user could feed to the database's own
  // shell, with the transaction and any pragmas around it.
  virtual std::string script(const plan::Plan& plan) const = 0;

  // Runs every data check, then every step, in one transaction. On any failure
  // the database is left exactly as it was and a DatabaseError is thrown
  // (a failed data check names the offending rows).
  virtual void apply(const plan::Plan& plan) = 0;

  // Rows of `table`; with `column`, only the rows where it is not NULL. Used
  // to say what a destructive change would lose before it runs.
  virtual std::int64_t count_rows(const std::string& table, const std::string& column = "") = 0;
};

// Opens the database a URL names: "sqlite:path", "sqlite::memory:",
// "postgresql://user:pass@host:port/db". Throws InputError for a URL it
// cannot read, DatabaseError when the database cannot be opened.
std::unique_ptr<Driver> open(const std::string& url);

// The URL with any password replaced by "***", for messages and logs.
std::string mask_password(const std::string& url);

}  // namespace keyway::backends
