// CHECK constraints as inspection reports them. keyway writes a `choices`
// check as `"status" IN ('draft', 'published')`; PostgreSQL keeps it as
// `((status)::text = ANY ((ARRAY['draft'::character varying, ...])::text[]))`
// (or `(status = 'draft')` for one choice). Reading that form back to keyway's
// spelling lets the diff see no change.
#pragma once

#include <string>

namespace keyway::backends::postgres {

// The expression of a pg_get_constraintdef() text ("CHECK (...)", perhaps
// followed by NOT VALID / NO INHERIT): a `col IN (...)` check in keyway's
// spelling, any other check as PostgreSQL prints it.
std::string check_expression(const std::string& constraint_def);

}  // namespace keyway::backends::postgres
