// PostgreSQL's client library, loaded when a postgresql:// URL is first used.
//
// keyway links SOCI's PostgreSQL backend statically and leaves libpq out of
// the binary's dependencies: libpq brings some twenty shared libraries
// (TLS, Kerberos, LDAP) whose loading and start-up code cost every run,
// SQLite ones included, about 4 ms. libpq_loader.cc defines each libpq
// function SOCI and keyway call as a forwarder to the same function of the
// library opened here, with the prototypes of <libpq-fe.h> (the compiler
// checks them). A machine without libpq runs keyway on SQLite.
#pragma once

namespace keyway::backends::postgres {

// Opens libpq (the file $KEYWAY_LIBPQ names, or libpq.so.5) once; later calls
// return at once. Throws DatabaseError naming the library when it cannot.
void load_libpq();

}  // namespace keyway::backends::postgres
