// Pairing constraints and indexes by meaning: each gets a signature built
// from what it does (columns, target, actions), never from its name.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/schema/schema.h"

namespace keyway::diff {

// Maps one side's names into the other side's, for renamed tables and columns.
struct Renamer {
  const std::unordered_map<std::string, std::string>* columns = nullptr;
  const std::unordered_map<std::string, std::string>* tables = nullptr;

  // The name on the other side: `name` itself when it is not renamed.
  const std::string& column(const std::string& name) const;
  const std::string& table(const std::string& name) const;
};

// Whether `from` (read through `from_names`) and `to` (through `to_names`)
// surely have the same signature, decided field by field without building
// it: what the signature leaves out (the name) is not compared. False when
// they differ in a way the signature might not see; the signature decides
// then.
bool same_signature(const schema::ForeignKey& from, const Renamer& from_names,
                    const schema::ForeignKey& to, const Renamer& to_names);
bool same_signature(const schema::UniqueKey& from, const Renamer& from_names,
                    const schema::UniqueKey& to, const Renamer& to_names);
bool same_signature(const schema::Index& from, const Renamer& from_names,
                    const schema::Index& to, const Renamer& to_names);
bool same_signature(const schema::Check& from, const Renamer& from_names,
                    const schema::Check& to, const Renamer& to_names);

std::string fk_signature(const schema::ForeignKey& key, const Renamer& names);
std::string unique_signature(const schema::UniqueKey& key, const Renamer& names);
std::string index_signature(const schema::Index& index, const Renamer& names);
std::string check_signature(const schema::Check& check, const Renamer& names);
// A CHECK expression with case, spacing and identifier quotes normalised
// outside string literals.
std::string normalize_expression(const std::string& expression);

// The items of each side that have no counterpart of the same signature on
// the other, in their order.
template <typename T>
struct Unmatched {
  std::vector<const T*> from;
  std::vector<const T*> to;
};

// Pairs `from` with `to` by signature, as multisets: two equal indexes need
// two counterparts. Two sides that list items of the same meaning in the same
// order (the common case) pair up without building a signature; otherwise
// each side's signatures are computed once, and two sides that list the same
// signatures in the same order pair up without an index.
template <typename T, typename Signature>
Unmatched<T> unmatched(const std::vector<T>& from, const Renamer& from_names,
                       const std::vector<T>& to, const Renamer& to_names, Signature signature) {
  if (from.size() == to.size() &&
      std::equal(from.begin(), from.end(), to.begin(), [&](const T& a, const T& b) {
        return same_signature(a, from_names, b, to_names);
      })) {
    return {};
  }
  const auto signatures = [&](const std::vector<T>& items, const Renamer& names) {
    std::vector<std::string> out;
    out.reserve(items.size());
    for (const T& item : items) out.push_back(signature(item, names));
    return out;
  };
  const std::vector<std::string> from_signatures = signatures(from, from_names);
  const std::vector<std::string> to_signatures = signatures(to, to_names);
  Unmatched<T> out;
  if (from_signatures == to_signatures) return out;
  const auto unpaired = [](const std::vector<T>& items, const std::vector<std::string>& mine,
                           const std::vector<std::string>& theirs) {
    std::unordered_map<std::string_view, int> available;
    for (const std::string& other : theirs) ++available[other];
    std::vector<const T*> left;
    for (std::size_t i = 0; i < items.size(); ++i) {
      auto it = available.find(mine[i]);
      if (it != available.end() && it->second > 0) {
        --it->second;
      } else {
        left.push_back(&items[i]);
      }
    }
    return left;
  };
  out.from = unpaired(from, from_signatures, to_signatures);
  out.to = unpaired(to, to_signatures, from_signatures);
  return out;
}

}  // namespace keyway::diff
