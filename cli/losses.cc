#include "cli/losses.h"

#include <map>
#include <set>
#include <variant>

namespace keyway::cli {

std::vector<Loss> planned_losses(const std::vector<diff::Change>& changes) {
  std::set<std::string> moved;    // "table.column" whose values are copied elsewhere
  std::set<std::string> sources;  // tables some CopyLinks reads from
  std::map<std::string, std::string> old_name;  // new -> old
  for (const auto& change : changes) {
    if (const auto* copy = std::get_if<diff::CopyLinks>(&change)) {
      sources.insert(copy->from_table);
      moved.insert(copy->from_table + "." + copy->from_target_column);
      if (copy->mode != diff::CopyLinks::Mode::kColumnToJunction) {
        moved.insert(copy->from_table + "." + copy->from_source_column);
      }
    } else if (const auto* rename = std::get_if<diff::RenameTable>(&change)) {
      old_name[rename->to] = rename->from;
    }
  }
  // A junction whose every column is its key or a copied link loses nothing.
  auto all_moved = [&](const schema::Table& t) {
    if (!sources.count(t.name)) return false;
    for (const auto& c : t.columns) {
      const bool key = t.primary_key.size() == 1 && t.primary_key[0] == c.name;
      if (!key && !moved.count(t.name + "." + c.name)) return false;
    }
    return true;
  };
  auto live_name = [&](const std::string& table) {
    auto it = old_name.find(table);
    return it == old_name.end() ? table : it->second;
  };
  std::vector<Loss> out;
  for (const auto& change : changes) {
    if (const auto* drop = std::get_if<diff::DropTable>(&change)) {
      if (!all_moved(drop->table)) out.push_back({{drop->table.name, ""}, drop->table.name});
    } else if (const auto* col = std::get_if<diff::DropColumn>(&change)) {
      if (!moved.count(col->table + "." + col->column.name)) {
        out.push_back({{col->table, col->column.name}, live_name(col->table)});
      }
    }
  }
  return out;
}

}  // namespace keyway::cli
