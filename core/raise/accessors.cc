#include "core/raise/accessors.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/raise/names.h"
#include "core/schema/naming.h"

namespace keyway::raise {

void name_reverse_accessors(model::Schema& schema) {
  // Per target model: its field names and the accessors given so far.
  std::map<std::string, std::set<std::string>> taken;
  for (const model::Model& m : schema.models) {
    auto& names = taken[m.name];
    for (const model::Field& f : m.fields) names.insert(f.name);
    const bool keyed = std::any_of(m.fields.begin(), m.fields.end(),
                                   [](const model::Field& f) { return f.primary_key; });
    if (!keyed) names.insert("id");
  }
  for (model::Model& m : schema.models) {
    const std::string owner = schema::lower_ascii(m.name);
    for (model::Field& f : m.fields) {
      if (!f.is_relation() || f.related_name) continue;
      if (f.is_many_to_many() && f.to == m.name && f.symmetrical.value_or(true)) continue;
      const std::string suffix = f.type == model::FieldType::kOneToOne ? "" : "_set";
      auto& names = taken[f.to];
      if (names.insert(owner + suffix).second) continue;
      f.related_name = claim_name(owner + "_" + f.name + suffix, names);
    }
  }
}

}  // namespace keyway::raise
