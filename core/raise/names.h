// Names for a raised schema: a model name for a table, a field name for a
// column, chosen so that DESIGN.md §2 maps them back to the same table and
// column wherever it can (`Author` for author, `author` for author_id).
#pragma once

#include <set>
#include <string>

namespace keyway::raise {

// An identifier spelt from `text`: characters other than letters, digits and
// '_' become '_'; a leading digit (or nothing) gets `prefix` in front.
std::string identifier_from(const std::string& text, const std::string& prefix);

// PascalCase of a table name: blog_post -> BlogPost, "order items" -> OrderItems.
std::string model_name_for(const std::string& table);

// A plural of a lower-case name for a many_to_many field: student -> students,
// class -> classes, category -> categories.
std::string plural(const std::string& name);

// `wanted`, or `wanted_2`, `wanted_3`... : the first not in `taken`, then taken.
std::string claim_name(const std::string& wanted, std::set<std::string>& taken);

}  // namespace keyway::raise
