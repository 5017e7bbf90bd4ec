#include "cli/pipeline.h"

#include <cstdlib>
#include <unordered_map>

#include "cli/config.h"
#include "core/diff/diff.h"
#include "core/model/loader.h"
#include "core/plan/order.h"

namespace keyway::cli {

std::string resolve_db_url(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("KEYWAY_DATABASE_URL"); env && *env) return env;
  if (!config().db_url.empty()) return config().db_url;
  return "sqlite:keyway.db";
}

model::Schema load(const std::string& path) { return model::load_schema(resolve_schema_path(path)); }

namespace {

// The live schema as the reverse diff's target: renames applied by the
// forward plan become hints pointing back to the old names. Linear in tables
// plus changes: tables are found through one name index.
schema::Database with_reverse_hints(schema::Database live, const std::vector<diff::Change>& changes) {
  std::unordered_map<std::string, schema::Table*> by_name;
  for (auto& t : live.tables) by_name.emplace(t.name, &t);
  for (const auto& change : changes) {
    if (const auto* rename = std::get_if<diff::RenameTable>(&change)) {
      if (auto it = by_name.find(rename->from); it != by_name.end()) {
        it->second->renamed_from = rename->to;
      }
    }
  }
  // Column renames name their table as the forward plan leaves it.
  std::unordered_map<std::string, std::vector<schema::Table*>> by_new_name;
  for (auto& t : live.tables) by_new_name[t.renamed_from.value_or(t.name)].push_back(&t);
  for (const auto& change : changes) {
    const auto* rename = std::get_if<diff::RenameColumn>(&change);
    if (!rename) continue;
    auto it = by_new_name.find(rename->table);
    if (it == by_new_name.end()) continue;
    for (schema::Table* t : it->second) {
      if (auto* c = t->find_column(rename->from)) c->renamed_from = rename->to;
    }
  }
  return live;
}

// What the database will hold after the forward plan: the desired schema plus
// what only inspection knows (unmanaged objects to keep across rebuilds).
schema::Database after_apply(schema::Database desired, const schema::Database& live,
                             const std::vector<diff::Change>& changes,
                             const schema::Dialect& dialect) {
  for (auto& t : desired.tables) {
    for (auto& u : t.uniques) u.is_constraint = dialect.creates_unique_constraints();
  }
  std::unordered_map<std::string, std::string> renamed;  // old table name -> new
  for (const auto& change : changes) {
    if (const auto* rename = std::get_if<diff::RenameTable>(&change)) {
      renamed[rename->from] = rename->to;
    }
  }
  std::unordered_map<std::string, schema::Table*> by_name;
  for (auto& t : desired.tables) by_name.emplace(t.name, &t);
  for (const auto& t : live.tables) {
    auto new_name = renamed.find(t.name);
    auto found = by_name.find(new_name == renamed.end() ? t.name : new_name->second);
    if (found != by_name.end()) {
      schema::Table* d = found->second;
      d->recreate_sql = t.recreate_sql;
      d->unmanaged = t.unmanaged;
      // A unique the plan kept is held as the database already held it.
      for (auto& u : d->uniques) {
        for (const auto& old : t.uniques) {
          if (old.columns == u.columns) u.is_constraint = old.is_constraint;
        }
      }
    }
  }
  desired.unmanaged = live.unmanaged;
  return desired;
}

}  // namespace

Comparison compare(backends::Driver& driver, schema::Database live, schema::Database desired,
                   Directions directions) {
  Comparison out;
  const auto& dialect = driver.dialect();
  out.changes = plan::order(diff::diff(live, desired, dialect), dialect);
  out.plan = driver.render(out.changes, live, desired);
  out.unmanaged = live.all_unmanaged();
  if (directions == Directions::kForward) return out;

  // Built from the inputs themselves, not copies of them.
  const schema::Database after = after_apply(std::move(desired), live, out.changes, dialect);
  const schema::Database back = with_reverse_hints(std::move(live), out.changes);
  const auto reverse_changes = plan::order(diff::diff(after, back, dialect), dialect);
  out.reverse = driver.render(reverse_changes, after, back);
  return out;
}

}  // namespace keyway::cli
