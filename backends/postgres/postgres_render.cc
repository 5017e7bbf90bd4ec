// render(): ordered changes -> a plan of PostgreSQL statements, each step
// with its undo. PostgreSQL's DDL is transactional, so every change is one
// ALTER/CREATE/DROP in place; the whole plan runs in one transaction.
//
// Online-safe forms (RenderOptions::online) for tables that already exist,
// so that a table holding rows keeps taking writes while it changes
// (https://www.postgresql.org/docs/15/sql-altertable.html#SQL-ALTERTABLE-NOTES):
//   - a foreign key or check is added NOT VALID in the transaction (a brief
//     lock; new rows are checked from then on), and validated by a second
//     step after the commit: VALIDATE CONSTRAINT takes only SHARE UPDATE
//     EXCLUSIVE, but inside the transaction it would still hold the stronger
//     lock the ADD took until COMMIT, which blocks writes for the whole scan;
//   - a unique is built with CREATE UNIQUE INDEX CONCURRENTLY and attached
//     with ADD CONSTRAINT ... UNIQUE USING INDEX; an index with CREATE INDEX
//     CONCURRENTLY. CONCURRENTLY cannot run in a transaction: these steps are
//     marked outside_transaction and run after the commit, in plan order.
//     A unique a foreign key of the same plan relies on is built in the
//     transaction, so that the foreign key can find it.
// A constraint gets its online form only when a data check covers it (its
// table, columns and target all exist before the plan), or when it covers a
// column this plan adds nullable without a default (every row holds NULL
// there, which neither a unique nor a foreign key rejects): a failure after
// the commit would leave the plan half applied, so a constraint whose rows
// could not be vouched for is added and validated inside the transaction.
// script() writes the plan for psql.
#include <algorithm>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "backends/common/data_checks.h"
#include "backends/postgres/postgres_ddl.h"
#include "backends/postgres/postgres_driver.h"
#include "backends/common/schema_state.h"

namespace keyway::backends::postgres {

using diff::Change;
using diff::CopyLinks;
using plan::Step;
using schema::Column;
using schema::Database;
using schema::Table;

namespace {

using ColumnRef = std::pair<std::string, std::string>;  // (table, column)

bool has_value_default(const Column& column) {
  return column.default_value && column.default_value->kind != schema::Literal::Kind::kNull;
}

// A NOT NULL column PostgreSQL cannot add to a table holding rows as it is.
bool needs_a_value(const Column& column) {
  return !column.nullable && !has_value_default(column) && !column.auto_increment;
}

bool is_textual(const schema::ColumnType& type) {
  using schema::TypeKind;
  switch (type.kind) {
    case TypeKind::kAuto:
    case TypeKind::kBigAuto:
    case TypeKind::kSmallInteger:
    case TypeKind::kInteger:
    case TypeKind::kBigInteger:
    case TypeKind::kBoolean:
    case TypeKind::kDecimal:
    case TypeKind::kFloat: return false;
    default: return true;
  }
}

// The data checks in PostgreSQL's spelling: numbers and booleans shown bare,
// everything else quoted ('ann'), NULL as NULL; ctid for a keyless table.
common::CheckSyntax check_syntax(const Ddl& ddl) {
  return {
      .quote = [&ddl](const std::string& identifier) { return ddl.quote(identifier); },
      .table = [&ddl](const std::string& table) { return ddl.qualified(table); },
      .value_text =
          [](const std::string& expression, const Column* column) {
            if (column != nullptr && !is_textual(column->type)) {
              return "COALESCE(" + expression + "::text, 'NULL')";
            }
            return "quote_nullable(" + expression + ")";
          },
      .row_id = "ctid",
      .subquery_alias = " AS \"_groups\"",
      .order_examples = true,
  };
}

class Renderer {
 public:
  Renderer(const std::vector<Change>& changes, const Database& from, const Ddl& ddl,
           const RenderOptions& options)
      : changes_(changes), ddl_(ddl), options_(options), syntax_(check_syntax(ddl)),
        state_(tables_read(from, changes, Referencing::kDroppedOrRenamed)), names_(state_) {}

  plan::Plan run() {
    scan();
    for (std::size_t i = 0; i < changes_.size(); ++i) {
      const Change& change = changes_[i];
      Step step;
      step.changes = {i};
      step.summary = diff::describe(change);
      step.table = diff::table_of(change);
      step.destructive = diff::is_destructive(change);
      step.data_dependent = diff::is_data_dependent(change);
      step.checks = common::data_checks(change, state_, names_, is_filled(change), syntax_);
      follow_up_.reset();
      std::visit([&](const auto& c) { render(c, step); }, change);
      plan_.steps.push_back(std::move(step));
      if (follow_up_) plan_.steps.push_back(std::move(*follow_up_));
      backends::apply_change(state_, change);
      names_.apply(change);
    }
    return std::move(plan_);
  }

 private:
  // What later steps need to know of the whole plan.
  void scan() {
    std::set<ColumnRef> dropped;
    for (const Change& change : changes_) {
      if (const auto* drop = std::get_if<diff::DropColumn>(&change)) {
        dropped.insert({drop->table, drop->column.name});
      } else if (const auto* fk = std::get_if<diff::AddForeignKey>(&change)) {
        relied_on_.insert({fk->key.ref_table, fk->key.ref_columns});
      } else if (const auto* table = std::get_if<diff::AddTable>(&change)) {
        for (const auto& key : table->table.foreign_keys) {
          relied_on_.insert({key.ref_table, key.ref_columns});
        }
      }
    }
    for (const Change& change : changes_) {
      const auto* add = std::get_if<diff::AddColumn>(&change);
      if (add != nullptr && add->column.nullable && !add->column.default_value) {
        all_null_.insert({add->table, add->column.name});
      }
    }
    for (const Change& change : changes_) {
      const auto* copy = std::get_if<CopyLinks>(&change);
      if (copy == nullptr) continue;
      if (copy->mode == CopyLinks::Mode::kJunctionToColumn) {
        filled_.insert({copy->to_table, copy->to_target_column});
      } else if (copy->mode == CopyLinks::Mode::kColumnToJunction &&
                 dropped.contains({copy->from_table, copy->from_target_column})) {
        refilled_on_undo_.insert({copy->from_table, copy->from_target_column});
      }
    }
  }

  // Rows cannot violate a unique or foreign key over `columns` when the data
  // check found none, or when one of the columns is new and NULL everywhere.
  bool vouched_for(const Step& step, const std::string& table,
                   const std::vector<std::string>& columns) const {
    if (!step.checks.empty()) return true;
    return std::any_of(columns.begin(), columns.end(), [&](const std::string& column) {
      return all_null_.contains({table, column}) && !filled_.contains({table, column});
    });
  }

  // Whether a link copy of the plan fills the column `change` adds.
  bool is_filled(const Change& change) const {
    const auto* add = std::get_if<diff::AddColumn>(&change);
    return add != nullptr && filled_.contains({add->table, add->column.name});
  }

  // Online forms apply to tables that hold rows: those the plan starts from.
  bool online_for(const std::string& table) const {
    return options_.online && names_.table(table).has_value();
  }

  const Table& require(const std::string& name) const {
    const Table* table = state_.find_table(name);
    if (table == nullptr) {
      throw std::logic_error(fmt::format("postgres render: change to unknown table {}", name));
    }
    return *table;
  }

  // The step after an ADD CONSTRAINT ... NOT VALID: its validation, after the commit.
  void validate_later(const std::string& table, const std::string& name) {
    Step step;
    step.summary = fmt::format("validate constraint {} on {}", name, table);
    step.table = table;
    step.data_dependent = true;
    step.outside_transaction = true;
    step.sql = {ddl_.validate_constraint_sql(table, name)};
    follow_up_ = std::move(step);
  }

  std::string copy_sql(const CopyLinks& c) const {
    switch (c.mode) {
      case CopyLinks::Mode::kColumnToJunction:
        return fmt::format("INSERT INTO {} ({}, {}) SELECT {}, {} FROM {} WHERE {} IS NOT NULL",
                           ddl_.qualified(c.to_table), ddl_.quote(c.to_source_column),
                           ddl_.quote(c.to_target_column), ddl_.quote(c.from_source_column),
                           ddl_.quote(c.from_target_column), ddl_.qualified(c.from_table),
                           ddl_.quote(c.from_target_column));
      case CopyLinks::Mode::kJunctionToJunction:
        return fmt::format("INSERT INTO {} ({}, {}) SELECT {}, {} FROM {}",
                           ddl_.qualified(c.to_table), ddl_.quote(c.to_source_column),
                           ddl_.quote(c.to_target_column), ddl_.quote(c.from_source_column),
                           ddl_.quote(c.from_target_column), ddl_.qualified(c.from_table));
      case CopyLinks::Mode::kJunctionToColumn:
        break;
    }
    // One link per row, the smallest.
    return fmt::format(
        "UPDATE {} AS \"_row\" SET {} = (SELECT MIN(\"_link\".{}) FROM {} AS \"_link\" "
        "WHERE \"_link\".{} = \"_row\".{})",
        ddl_.qualified(c.to_table), ddl_.quote(c.to_target_column),
        ddl_.quote(c.from_target_column), ddl_.qualified(c.from_table),
        ddl_.quote(c.from_source_column), ddl_.quote(c.to_source_column));
  }

  std::string set_not_null(const std::string& table, const std::string& column) const {
    return ddl_.alter_table(table, fmt::format("ALTER COLUMN {} SET NOT NULL", ddl_.quote(column)));
  }

  // The ALTER COLUMN actions `changes` names, taking the column to `to`, in
  // one ALTER TABLE (one table rewrite at most).
  std::string alter_column_sql(const std::string& table, const Column& to,
                               unsigned changes) const {
    const std::string column = "ALTER COLUMN " + ddl_.quote(to.name);
    std::vector<std::string> actions;
    if (changes & diff::kChangeType) {
      const std::string type = ddl_.dialect().type_sql(to.type);
      actions.push_back(
          fmt::format("{} TYPE {} USING {}::{}", column, type, ddl_.quote(to.name), type));
    }
    if (changes & diff::kChangeNull) {
      actions.push_back(column + (to.nullable ? " DROP NOT NULL" : " SET NOT NULL"));
    }
    if (changes & diff::kChangeDefault) {
      actions.push_back(has_value_default(to)
                            ? column + " SET DEFAULT " + literal_sql(*to.default_value)
                            : column + " DROP DEFAULT");
    }
    std::string joined;
    for (const auto& action : actions) joined += (joined.empty() ? "" : ", ") + action;
    return ddl_.alter_table(table, joined);
  }

  // --- one step per change; `state_` is the schema before the change -------

  void render(const diff::AddTable& c, Step& step) {
    step.sql = ddl_.create_table_statements(c.table);
    step.reverse = {"DROP TABLE " + ddl_.qualified(c.table.name)};
  }

  void render(const diff::DropTable& c, Step& step) {
    const Table* found = state_.find_table(c.table.name);
    const Table before = found != nullptr ? *found : c.table;
    // Tables dropped in a cycle: the foreign keys of the others into this
    // one go first (and come back last in the undo).
    std::vector<std::string> re_add;
    for (Table& other : state_.tables) {
      if (other.name == c.table.name) continue;
      std::erase_if(other.foreign_keys, [&](const schema::ForeignKey& key) {
        if (key.ref_table != c.table.name) return false;
        step.sql.push_back(ddl_.drop_constraint_sql(other.name, Ddl::name_of(other.name, key)));
        re_add.push_back(ddl_.add_foreign_key_sql(other.name, key, false));
        return true;
      });
    }
    step.sql.push_back("DROP TABLE " + ddl_.qualified(c.table.name));
    step.reverse = ddl_.create_table_statements(before);
    step.reverse.insert(step.reverse.end(), re_add.begin(), re_add.end());
    step.reverse_loses_data = true;
  }

  void render(const diff::RenameTable& c, Step& step) {
    step.sql = {ddl_.alter_table(c.from, "RENAME TO " + ddl_.quote(c.to))};
    step.reverse = {ddl_.alter_table(c.to, "RENAME TO " + ddl_.quote(c.from))};
  }

  void render(const diff::RenameColumn& c, Step& step) {
    const auto rename = [&](const std::string& a, const std::string& b) {
      return ddl_.alter_table(c.table,
                              fmt::format("RENAME COLUMN {} TO {}", ddl_.quote(a), ddl_.quote(b)));
    };
    step.sql = {rename(c.from, c.to)};
    step.reverse = {rename(c.to, c.from)};
  }

  void render(const diff::AddColumn& c, Step& step) {
    Column column = c.column;
    if (filled_.contains({c.table, column.name}) && needs_a_value(column)) {
      // Added nullable; the link copy fills it, then sets NOT NULL.
      column.nullable = true;
      not_null_after_copy_.insert({c.table, column.name});
    }
    step.sql = {ddl_.alter_table(c.table, "ADD COLUMN " + ddl_.column_sql(column))};
    step.reverse = {ddl_.alter_table(c.table, "DROP COLUMN " + ddl_.quote(c.column.name))};
  }

  void render(const diff::DropColumn& c, Step& step) {
    const Table& before = require(c.table);
    const Column* found = before.find_column(c.column.name);
    Column column = found != nullptr ? *found : c.column;
    const std::string& name = column.name;
    step.sql = {ddl_.alter_table(c.table, "DROP COLUMN " + ddl_.quote(name))};
    // PostgreSQL drops the indexes and constraints over the column with it;
    // the undo brings them back after the column.
    if (refilled_on_undo_.contains({c.table, name}) && needs_a_value(column)) {
      column.nullable = true;  // the undone link copy fills it, then sets NOT NULL
    }
    step.reverse = {ddl_.alter_table(c.table, "ADD COLUMN " + ddl_.column_sql(column))};
    const auto over = [&](const std::vector<std::string>& columns) {
      return std::find(columns.begin(), columns.end(), name) != columns.end();
    };
    for (const auto& key : before.uniques) {
      if (!over(key.columns)) continue;
      step.reverse.push_back(key.is_constraint
                                 ? ddl_.add_unique_sql(c.table, key)
                                 : ddl_.create_index_sql(c.table, Ddl::name_of(c.table, key),
                                                         key.columns, true, false));
    }
    for (const auto& index : before.indexes) {
      if (!over(index.columns)) continue;
      step.reverse.push_back(ddl_.create_index_sql(c.table, Ddl::name_of(c.table, index),
                                                   index.columns, false, false));
    }
    for (const auto& key : before.foreign_keys) {
      if (over(key.columns)) step.reverse.push_back(ddl_.add_foreign_key_sql(c.table, key, false));
    }
    for (const auto& check : before.checks) {
      if (expression_mentions(check.expression, name)) {
        step.reverse.push_back(ddl_.add_check_sql(c.table, check, false));
      }
    }
    step.reverse_loses_data = true;
  }

  void render(const diff::AlterColumn& c, Step& step) {
    step.sql = {alter_column_sql(c.table, c.to, c.changes)};
    step.reverse = {alter_column_sql(c.table, c.from, c.changes)};
  }

  void render(const diff::AddForeignKey& c, Step& step) {
    const std::string name = Ddl::name_of(c.table, c.key);
    const bool online = online_for(c.table) && vouched_for(step, c.table, c.key.columns);
    step.sql = {ddl_.add_foreign_key_sql(c.table, c.key, online)};
    step.reverse = {ddl_.drop_constraint_sql(c.table, name)};
    if (online) validate_later(c.table, name);
  }

  void render(const diff::DropForeignKey& c, Step& step) {
    step.sql = {ddl_.drop_constraint_sql(c.table, Ddl::name_of(c.table, c.key))};
    step.reverse = {ddl_.add_foreign_key_sql(c.table, c.key, false)};
  }

  void render(const diff::AddCheck& c, Step& step) {
    const std::string name = Ddl::name_of(c.table, c.check);
    const bool online = online_for(c.table) && !step.checks.empty();
    step.sql = {ddl_.add_check_sql(c.table, c.check, online)};
    step.reverse = {ddl_.drop_constraint_sql(c.table, name)};
    if (online) validate_later(c.table, name);
  }

  void render(const diff::DropCheck& c, Step& step) {
    step.sql = {ddl_.drop_constraint_sql(c.table, Ddl::name_of(c.table, c.check))};
    step.reverse = {ddl_.add_check_sql(c.table, c.check, false)};
  }

  void render(const diff::AddUnique& c, Step& step) {
    const std::string name = Ddl::name_of(c.table, c.key);
    if (online_for(c.table) && vouched_for(step, c.table, c.key.columns) &&
        !relied_on_.contains({c.table, c.key.columns})) {
      step.sql = {ddl_.create_index_sql(c.table, name, c.key.columns, true, true),
                  ddl_.alter_table(c.table, fmt::format("ADD CONSTRAINT {} UNIQUE USING INDEX {}",
                                                        ddl_.quote(name), ddl_.quote(name)))};
      step.outside_transaction = true;
    } else {
      step.sql = {ddl_.add_unique_sql(c.table, c.key)};
    }
    step.reverse = {ddl_.drop_constraint_sql(c.table, name)};
  }

  void render(const diff::DropUnique& c, Step& step) {
    const std::string name = Ddl::name_of(c.table, c.key);
    if (c.key.is_constraint) {
      step.sql = {ddl_.drop_constraint_sql(c.table, name)};
      step.reverse = {ddl_.add_unique_sql(c.table, c.key)};
    } else {
      step.sql = {ddl_.drop_index_sql(name)};
      step.reverse = {ddl_.create_index_sql(c.table, name, c.key.columns, true, false)};
    }
  }

  void render(const diff::AddIndex& c, Step& step) {
    const std::string name = Ddl::name_of(c.table, c.index);
    const bool online = online_for(c.table);
    step.sql = {ddl_.create_index_sql(c.table, name, c.index.columns, false, online)};
    step.outside_transaction = online;
    step.reverse = {ddl_.drop_index_sql(name)};
  }

  void render(const diff::DropIndex& c, Step& step) {
    const std::string name = Ddl::name_of(c.table, c.index);
    step.sql = {ddl_.drop_index_sql(name)};
    step.reverse = {ddl_.create_index_sql(c.table, name, c.index.columns, false, false)};
  }

  void render(const CopyLinks& c, Step& step) {
    step.sql = {copy_sql(c)};
    step.reverse = {copy_sql(std::get<CopyLinks>(diff::inverse(c)))};
    if (c.mode == CopyLinks::Mode::kJunctionToColumn &&
        not_null_after_copy_.contains({c.to_table, c.to_target_column})) {
      step.sql.push_back(set_not_null(c.to_table, c.to_target_column));
    }
    if (c.mode == CopyLinks::Mode::kColumnToJunction &&
        refilled_on_undo_.contains({c.from_table, c.from_target_column})) {
      const Column* column = require(c.from_table).find_column(c.from_target_column);
      if (column != nullptr && needs_a_value(*column)) {
        step.reverse.push_back(set_not_null(c.from_table, c.from_target_column));
      }
    }
  }

  const std::vector<Change>& changes_;
  const Ddl& ddl_;
  const RenderOptions& options_;
  const common::CheckSyntax syntax_;
  Database state_;  // the tables the plan reads, as it has changed them so far
  common::OriginalNames names_;  // names before the plan, for checks and online forms
  std::set<ColumnRef> all_null_;              // added nullable without a default
  std::set<ColumnRef> filled_;                // columns a link copy fills
  std::set<ColumnRef> not_null_after_copy_;   // added nullable, SET NOT NULL after the copy
  std::set<ColumnRef> refilled_on_undo_;      // dropped columns the undone copy fills again
  std::set<std::pair<std::string, std::vector<std::string>>> relied_on_;  // FK targets
  std::optional<Step> follow_up_;
  plan::Plan plan_;
};

}  // namespace

// `to` is not needed: every statement is written against the schema as the
// plan changes it, starting from `from`.
plan::Plan render(const std::vector<Change>& changes, const Database& from,
                  const Database& /*to*/, const PostgresDialect& dialect,
                  const std::string& schema_name, const RenderOptions& options) {
  const Ddl ddl(dialect, schema_name, options.qualify_names);
  return Renderer(changes, from, ddl, options).run();
}

std::string script(const plan::Plan& plan) {
  if (plan.empty()) return "-- no changes\n";
  const auto write = [](const Step& step) {
    std::string summary = step.summary;
    for (char& c : summary) {
      if (c == '\n') c = ' ';
    }
    std::string out = "-- ";
    out += summary;
    out += '\n';
    for (const auto& statement : step.sql) {
      out += statement;
      out += ";\n";
    }
    return out;
  };
  std::string inside;
  std::string outside;
  for (const Step& step : plan.steps) (step.outside_transaction ? outside : inside) += write(step);
  std::string out;
  if (!inside.empty()) {
    out += "BEGIN;\nSET LOCAL lock_timeout = '5s';\n" + inside + "COMMIT;\n";
  }
  if (!outside.empty()) {
    out += "-- online steps: CONCURRENTLY and VALIDATE run outside the transaction\n"
           "SET lock_timeout = '5s';\n" +
           outside;
  }
  return out;
}

}  // namespace keyway::backends::postgres
