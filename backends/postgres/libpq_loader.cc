#include "backends/postgres/libpq_loader.h"

#include <dlfcn.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "core/errors.h"

namespace keyway::backends::postgres {

namespace {

constexpr const char* kDefaultLibrary = "libpq.so.5";

struct Library {
  std::string name;
  void* handle = nullptr;
  std::string error;  // dlerror() when handle is null
};

const Library& library() {
  static const Library loaded = [] {
    Library out;
    const char* configured = std::getenv("KEYWAY_LIBPQ");
    out.name = configured != nullptr && *configured != '\0' ? configured : kDefaultLibrary;
    out.handle = dlopen(out.name.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (out.handle == nullptr) {
      const char* error = dlerror();
      out.error = error != nullptr ? error : "unknown error";
    }
    return out;
  }();
  return loaded;
}

}  // namespace

void load_libpq() {
  const Library& lib = library();
  if (lib.handle != nullptr) return;
  throw DatabaseError(fmt::format(
      "cannot use PostgreSQL: its client library {} did not load: {}\n"
      "  install it (Debian and Ubuntu: apt-get install libpq5) or name the file in KEYWAY_LIBPQ",
      lib.name, lib.error));
}

// The function `name` of the loaded library, as a pointer of type Function.
template <typename Function>
Function libpq_function(const char* name) {
  load_libpq();
  void* symbol = dlsym(library().handle, name);
  if (symbol == nullptr) {
    throw DatabaseError(fmt::format(
        "cannot use PostgreSQL: its client library {} has no function {} (too old a libpq?)",
        library().name, name));
  }
  return reinterpret_cast<Function>(symbol);
}

}  // namespace keyway::backends::postgres

// Each forwarder looks its function up on first call. The prototypes are
// <libpq-fe.h>'s: a mismatch is a compile error, not a crash.
#define KEYWAY_LIBPQ_FORWARD(result, name, parameters, arguments)                         \
  extern "C" result name parameters {                                                     \
    static const auto real =                                                              \
        keyway::backends::postgres::libpq_function<decltype(&::name)>(#name);             \
    return real arguments;                                                                \
  }

// Connection.
KEYWAY_LIBPQ_FORWARD(PGconn*, PQconnectdb, (const char* conninfo), (conninfo))
KEYWAY_LIBPQ_FORWARD(void, PQfinish, (PGconn* conn), (conn))
KEYWAY_LIBPQ_FORWARD(ConnStatusType, PQstatus, (const PGconn* conn), (conn))
KEYWAY_LIBPQ_FORWARD(PGTransactionStatusType, PQtransactionStatus, (const PGconn* conn), (conn))
KEYWAY_LIBPQ_FORWARD(int, PQserverVersion, (const PGconn* conn), (conn))
KEYWAY_LIBPQ_FORWARD(char*, PQerrorMessage, (const PGconn* conn), (conn))

// Running commands.
KEYWAY_LIBPQ_FORWARD(PGresult*, PQexec, (PGconn* conn, const char* query), (conn, query))
KEYWAY_LIBPQ_FORWARD(PGresult*, PQexecParams,
                     (PGconn* conn, const char* command, int nParams, const Oid* paramTypes,
                      const char* const* paramValues, const int* paramLengths,
                      const int* paramFormats, int resultFormat),
                     (conn, command, nParams, paramTypes, paramValues, paramLengths,
                      paramFormats, resultFormat))
KEYWAY_LIBPQ_FORWARD(PGresult*, PQprepare,
                     (PGconn* conn, const char* stmtName, const char* query, int nParams,
                      const Oid* paramTypes),
                     (conn, stmtName, query, nParams, paramTypes))
KEYWAY_LIBPQ_FORWARD(PGresult*, PQexecPrepared,
                     (PGconn* conn, const char* stmtName, int nParams,
                      const char* const* paramValues, const int* paramLengths,
                      const int* paramFormats, int resultFormat),
                     (conn, stmtName, nParams, paramValues, paramLengths, paramFormats,
                      resultFormat))
KEYWAY_LIBPQ_FORWARD(int, PQsendQuery, (PGconn* conn, const char* query), (conn, query))
KEYWAY_LIBPQ_FORWARD(int, PQsendQueryParams,
                     (PGconn* conn, const char* command, int nParams, const Oid* paramTypes,
                      const char* const* paramValues, const int* paramLengths,
                      const int* paramFormats, int resultFormat),
                     (conn, command, nParams, paramTypes, paramValues, paramLengths,
                      paramFormats, resultFormat))
KEYWAY_LIBPQ_FORWARD(int, PQsendPrepare,
                     (PGconn* conn, const char* stmtName, const char* query, int nParams,
                      const Oid* paramTypes),
                     (conn, stmtName, query, nParams, paramTypes))
KEYWAY_LIBPQ_FORWARD(int, PQsendQueryPrepared,
                     (PGconn* conn, const char* stmtName, int nParams,
                      const char* const* paramValues, const int* paramLengths,
                      const int* paramFormats, int resultFormat),
                     (conn, stmtName, nParams, paramValues, paramLengths, paramFormats,
                      resultFormat))
KEYWAY_LIBPQ_FORWARD(int, PQsetSingleRowMode, (PGconn* conn), (conn))
KEYWAY_LIBPQ_FORWARD(PGresult*, PQgetResult, (PGconn* conn), (conn))
KEYWAY_LIBPQ_FORWARD(int, PQputCopyEnd, (PGconn* conn, const char* errormsg), (conn, errormsg))
KEYWAY_LIBPQ_FORWARD(int, PQgetCopyData, (PGconn* conn, char** buffer, int async),
                     (conn, buffer, async))
KEYWAY_LIBPQ_FORWARD(void, PQfreemem, (void* ptr), (ptr))

// Results.
KEYWAY_LIBPQ_FORWARD(void, PQclear, (PGresult* res), (res))
KEYWAY_LIBPQ_FORWARD(ExecStatusType, PQresultStatus, (const PGresult* res), (res))
KEYWAY_LIBPQ_FORWARD(char*, PQresultErrorMessage, (const PGresult* res), (res))
KEYWAY_LIBPQ_FORWARD(char*, PQresultErrorField, (const PGresult* res, int fieldcode),
                     (res, fieldcode))
KEYWAY_LIBPQ_FORWARD(char*, PQcmdTuples, (PGresult* res), (res))
KEYWAY_LIBPQ_FORWARD(int, PQntuples, (const PGresult* res), (res))
KEYWAY_LIBPQ_FORWARD(int, PQnfields, (const PGresult* res), (res))
KEYWAY_LIBPQ_FORWARD(char*, PQfname, (const PGresult* res, int field_num), (res, field_num))
KEYWAY_LIBPQ_FORWARD(int, PQfformat, (const PGresult* res, int field_num), (res, field_num))
KEYWAY_LIBPQ_FORWARD(Oid, PQftype, (const PGresult* res, int field_num), (res, field_num))
KEYWAY_LIBPQ_FORWARD(int, PQfsize, (const PGresult* res, int field_num), (res, field_num))
KEYWAY_LIBPQ_FORWARD(char*, PQgetvalue, (const PGresult* res, int tup_num, int field_num),
                     (res, tup_num, field_num))
KEYWAY_LIBPQ_FORWARD(int, PQgetisnull, (const PGresult* res, int tup_num, int field_num),
                     (res, tup_num, field_num))

// Large objects (SOCI's blob type; keyway never uses them, SOCI's backend
// refers to them).
KEYWAY_LIBPQ_FORWARD(int, lo_open, (PGconn* conn, Oid lobjId, int mode), (conn, lobjId, mode))
KEYWAY_LIBPQ_FORWARD(int, lo_close, (PGconn* conn, int fd), (conn, fd))
KEYWAY_LIBPQ_FORWARD(int, lo_read, (PGconn* conn, int fd, char* buf, size_t len),
                     (conn, fd, buf, len))
KEYWAY_LIBPQ_FORWARD(int, lo_write, (PGconn* conn, int fd, const char* buf, size_t len),
                     (conn, fd, buf, len))
KEYWAY_LIBPQ_FORWARD(int, lo_lseek, (PGconn* conn, int fd, int offset, int whence),
                     (conn, fd, offset, whence))
