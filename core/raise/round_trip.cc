#include "core/raise/round_trip.h"

#include "core/diff/diff.h"
#include "core/schema/lower.h"

namespace keyway::raise {

void note_round_trip_changes(RaisedSchema& raised, const schema::Database& db,
                             const schema::Dialect& dialect,
                             const std::map<std::string, std::string>& model_of_table) {
  const schema::Database lowered = schema::lower(raised.schema);
  for (const diff::Change& change : diff::diff(db, lowered, dialect)) {
    const std::string note = "keyway diff would still report: " + diff::describe(change);
    auto it = model_of_table.find(diff::table_of(change));
    if (it == model_of_table.end()) {
      raised.unmanaged.push_back(note);
    } else {
      raised.notes[it->second].push_back(note);
    }
  }
}

}  // namespace keyway::raise
