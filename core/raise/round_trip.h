// The check that makes raise() honest: lower the raised schema, diff it
// against the database it came from, and note every change left, on the
// model whose table it concerns. What keyway cannot express shows up here
// even when no rule of raise() foresaw it.
#pragma once

#include <map>
#include <string>

#include "core/raise/raise.h"

namespace keyway::raise {

// `model_of_table`: each table (junctions included) -> the model it is noted on.
void note_round_trip_changes(RaisedSchema& raised, const schema::Database& db,
                             const schema::Dialect& dialect,
                             const std::map<std::string, std::string>& model_of_table);

}  // namespace keyway::raise
