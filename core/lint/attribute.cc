#include "core/lint/attribute.h"

#include <algorithm>
#include <cassert>
#include <map>

#include "core/diff/diff.h"

namespace keyway::lint {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

// What identifies a change across states: its words with tables called by
// their names before the migration (so that renaming a table later does not
// make its other changes new), an added column by its name alone (its
// definition may change in later statements).
std::string key_of(diff::Change change, const Origins& origins) {
  const auto original = [&](std::string& table) {
    if (auto name = origins.original(table)) table = *name;
  };
  std::visit(Overloaded{
                 [](diff::AddTable&) {},
                 [](diff::DropTable&) {},
                 [](diff::RenameTable&) {},
                 [](diff::CopyLinks&) {},
                 [&](diff::AddForeignKey& c) {
                   original(c.table);
                   original(c.key.ref_table);
                 },
                 [&](diff::DropForeignKey& c) {
                   original(c.table);
                   original(c.key.ref_table);
                 },
                 [&](auto& c) { original(c.table); },
             },
             change);
  if (const auto* add = std::get_if<diff::AddColumn>(&change)) {
    return "add column " + add->table + "." + add->column.name;
  }
  return diff::describe(change);
}

std::map<std::string, diff::Change> keyed(std::vector<diff::Change> changes, const Origins& origins) {
  std::map<std::string, diff::Change> out;
  for (auto& change : changes) {
    std::string key = key_of(change, origins);
    out.emplace(std::move(key), std::move(change));
  }
  return out;
}

}  // namespace

Trace attribute(const schema::Database& start, const std::vector<schema::Database>& states,
                const std::vector<std::string>& statements, const schema::Dialect& dialect) {
  assert(states.size() == statements.size());
  Trace out{{}, Origins(start)};
  std::vector<std::map<std::string, diff::Change>> after;  // per statement
  after.reserve(states.size());
  for (std::size_t i = 0; i < states.size(); ++i) {
    out.origins.follow(statements[i], states[i]);
    after.push_back(keyed(diff::diff(start, out.origins.hinted(states[i]), dialect), out.origins));
  }
  if (after.empty()) return out;

  const std::vector<diff::Change> net =
      diff::diff(start, out.origins.hinted(states.back()), dialect);
  for (const auto& change : net) {
    const std::string key = key_of(change, out.origins);
    std::size_t first = after.size() - 1;
    while (first > 0 && after[first - 1].count(key) > 0) --first;
    out.changes.push_back(Attributed{change, after[first].at(key), static_cast<int>(first) + 1,
                                     out.origins.existed(diff::table_of(change))});
  }
  std::stable_sort(out.changes.begin(), out.changes.end(),
                   [](const Attributed& a, const Attributed& b) { return a.statement < b.statement; });
  return out;
}

}  // namespace keyway::lint
