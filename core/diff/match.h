// Pairing constraints and indexes by meaning: each gets a signature built
// from what it does (columns, target, actions), never from its name.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "core/schema/schema.h"

namespace keyway::diff {

// Maps one side's names into the other side's, for renamed tables and columns.
struct Renamer {
  const std::unordered_map<std::string, std::string>* columns = nullptr;
  const std::unordered_map<std::string, std::string>* tables = nullptr;

  std::string column(const std::string& name) const;
  std::string table(const std::string& name) const;
};

std::string fk_signature(const schema::ForeignKey& key, const Renamer& names);
std::string unique_signature(const schema::UniqueKey& key, const Renamer& names);
std::string index_signature(const schema::Index& index, const Renamer& names);
std::string check_signature(const schema::Check& check, const Renamer& names);
// A CHECK expression with case, spacing and identifier quotes normalised
// outside string literals.
std::string normalize_expression(const std::string& expression);

// The items of `items` that have no counterpart of the same signature in
// `others` (as a multiset: two equal indexes need two counterparts).
template <typename T, typename Signature>
std::vector<T> unmatched(const std::vector<T>& items, const Renamer& item_names,
                         const std::vector<T>& others, const Renamer& other_names,
                         Signature signature) {
  std::unordered_map<std::string, int> available;
  for (const T& other : others) ++available[signature(other, other_names)];
  std::vector<T> out;
  for (const T& item : items) {
    auto it = available.find(signature(item, item_names));
    if (it != available.end() && it->second > 0) {
      --it->second;
    } else {
      out.push_back(item);
    }
  }
  return out;
}

}  // namespace keyway::diff
