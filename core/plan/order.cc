#include "core/plan/order.h"

#include <array>
#include <queue>
#include <string>
#include <unordered_map>

namespace keyway::plan {

namespace {

using diff::Change;

constexpr std::size_t kPhases = 10;

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

std::size_t phase_of(const Change& change) {
  return std::visit(
      Overloaded{
          [](const diff::RenameTable&) -> std::size_t { return 0; },
          [](const diff::RenameColumn&) -> std::size_t { return 0; },
          [](const diff::DropForeignKey&) -> std::size_t { return 1; },
          [](const diff::DropCheck&) -> std::size_t { return 1; },
          [](const diff::DropUnique&) -> std::size_t { return 8; },
          [](const diff::DropIndex&) -> std::size_t { return 1; },
          [](const diff::AddTable&) -> std::size_t { return 4; },
          [](const diff::AddColumn&) -> std::size_t { return 2; },
          [](const diff::AlterColumn&) -> std::size_t { return 2; },
          [](const diff::AddUnique&) -> std::size_t { return 3; },
          [](const diff::AddIndex&) -> std::size_t { return 3; },
          [](const diff::AddCheck&) -> std::size_t { return 3; },
          [](const diff::AddForeignKey&) -> std::size_t { return 5; },
          [](const diff::CopyLinks&) -> std::size_t { return 6; },
          [](const diff::DropColumn&) -> std::size_t { return 9; },
          [](const diff::DropTable&) -> std::size_t { return 7; },
      },
      change);
}

const schema::Table& table_in(const Change& change) {
  if (const auto* add = std::get_if<diff::AddTable>(&change)) return add->table;
  return std::get<diff::DropTable>(change).table;
}

// Kahn's algorithm over the `n` tables of one phase. An edge a -> b means a
// must come before b. When only cycles remain, the remaining table that
// appeared first is released; `on_break` is told which of its edges were cut.
// O(tables + foreign keys).
template <typename OnBreak>
std::vector<std::size_t> topological(std::size_t n,
                                     const std::vector<std::vector<std::size_t>>& before,
                                     OnBreak on_break) {
  std::vector<std::size_t> indegree(n, 0);
  for (const auto& edges : before) {
    for (std::size_t to : edges) ++indegree[to];
  }
  std::vector<bool> placed(n, false);
  std::vector<std::size_t> out;
  out.reserve(n);
  // A min-heap keeps ties in input order, so the result is deterministic.
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < n; ++i) {
    if (indegree[i] == 0) ready.push(i);
  }
  std::size_t next_unplaced = 0;
  while (out.size() < n) {
    if (ready.empty()) {
      while (placed[next_unplaced]) ++next_unplaced;
      on_break(next_unplaced, placed);
      indegree[next_unplaced] = 0;
      ready.push(next_unplaced);
    }
    const std::size_t i = ready.top();
    ready.pop();
    if (placed[i]) continue;
    placed[i] = true;
    out.push_back(i);
    for (std::size_t to : before[i]) {
      if (!placed[to] && indegree[to] > 0 && --indegree[to] == 0) ready.push(to);
    }
  }
  return out;
}

// The phases below work on positions into the changes, so that each change
// moves once, into the result. `items` are the positions of one phase's
// table changes; the answers are the same positions, ordered.

std::unordered_map<std::string, std::size_t> index_by_name(const std::vector<Change>& changes,
                                                           const std::vector<std::size_t>& items) {
  std::unordered_map<std::string, std::size_t> index;
  index.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) index[table_in(changes[items[i]]).name] = i;
  return index;
}

std::vector<std::size_t> in_order(const std::vector<std::size_t>& items,
                                  const std::vector<std::size_t>& order) {
  std::vector<std::size_t> out;
  out.reserve(order.size());
  for (std::size_t i : order) out.push_back(items[i]);
  return out;
}

// New tables: a referenced table before the tables that reference it. Foreign
// keys cut to break a cycle leave their table for `detached`.
std::vector<std::size_t> order_added_tables(std::vector<Change>& changes,
                                            const std::vector<std::size_t>& items,
                                            bool split_cycles, std::vector<Change>& detached) {
  const auto index = index_by_name(changes, items);
  std::vector<std::vector<std::size_t>> before(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (const auto& fk : table_in(changes[items[i]]).foreign_keys) {
      auto it = index.find(fk.ref_table);
      if (it != index.end() && it->second != i) before[it->second].push_back(i);
    }
  }
  auto on_break = [&](std::size_t released, const std::vector<bool>& placed) {
    if (!split_cycles) return;
    auto& table = std::get<diff::AddTable>(changes[items[released]]).table;
    std::vector<schema::ForeignKey> kept;
    for (auto& fk : table.foreign_keys) {
      auto it = index.find(fk.ref_table);
      if (it != index.end() && it->second != released && !placed[it->second]) {
        detached.push_back(diff::AddForeignKey{table.name, fk});
      } else {
        kept.push_back(fk);
      }
    }
    table.foreign_keys = std::move(kept);
  };
  return in_order(items, topological(items.size(), before, on_break));
}

// Dropped tables: a referencing table before the table it references.
std::vector<std::size_t> order_dropped_tables(const std::vector<Change>& changes,
                                              const std::vector<std::size_t>& items) {
  const auto index = index_by_name(changes, items);
  std::vector<std::vector<std::size_t>> before(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (const auto& fk : table_in(changes[items[i]]).foreign_keys) {
      auto it = index.find(fk.ref_table);
      if (it != index.end() && it->second != i) before[i].push_back(it->second);
    }
  }
  return in_order(items, topological(items.size(), before,
                                     [](std::size_t, const std::vector<bool>&) {}));
}

}  // namespace

std::vector<Change> order(std::vector<Change> changes, const schema::Dialect& dialect) {
  std::array<std::vector<std::size_t>, kPhases> phases;  // positions in `changes`
  for (std::size_t i = 0; i < changes.size(); ++i) phases[phase_of(changes[i])].push_back(i);
  std::vector<Change> detached;
  phases[4] = order_added_tables(changes, phases[4], !dialect.can_reference_missing_tables(),
                                 detached);
  phases[7] = order_dropped_tables(changes, phases[7]);

  std::vector<Change> out;
  out.reserve(changes.size() + detached.size());
  for (std::size_t p = 0; p < kPhases; ++p) {
    for (std::size_t i : phases[p]) out.push_back(std::move(changes[i]));
    if (p == 5) {
      for (auto& fk : detached) out.push_back(std::move(fk));
    }
  }
  return out;
}

}  // namespace keyway::plan
