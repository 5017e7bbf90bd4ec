# keyway::sqlite3 compiled from SQLite's amalgamation, when
# scripts/fetch-sqlite.sh has written it (KEYWAY_SQLITE_SOURCE, default
# third_party/sqlite/) and KEYWAY_STATIC_ARCHIVES is on; otherwise
# FindSOCI.cmake takes Debian's libsqlite3 as before.
#
# Why compile SQLite at all: SQLite keeps the schema's tables and indexes in
# hash tables (src/hash.c) that stop growing at SQLITE_MALLOC_SOFT_LIMIT bytes
# of buckets, 1,024 by default: 64 buckets. Every table of a 10,000-table
# schema then sits in a chain of ~190, and each name lookup (loading the
# schema when a connection first reads it, every pragma that names a table)
# compares against the chain: the cost grows with the square of the tables.
# Debian builds with the default. At N=10,000 models that was a quarter of
# `keyway diff` (perf: sqlite3StrICmp and findElementWithHash). With the cap
# off, SQLite's buckets grow with the schema (1 MB of them for 34,000 objects).
#
# The flags are Debian's (debian/rules of the sqlite3 source package, and the
# features its configure turns on), so SQLite behaves as the system's does,
# except for four performance choices:
#   SQLITE_MALLOC_SOFT_LIMIT=0   no cap on the hash tables (above);
#   lookaside memory on          SQLite's default; Debian turns it off;
#   SQLITE_DEFAULT_MEMSTATUS=0   no global mutex around each allocation to
#                                count memory, which keyway never asks for;
#   SQLITE_THREADSAFE=2          "multi-thread" instead of Debian's
#                                "serialized": no mutex taken around each
#                                call on a connection. keyway uses a
#                                connection from one thread at a time (the
#                                tests hold two connections in two threads,
#                                which this mode allows). Lock and unlock were
#                                5% of `keyway diff`'s instructions at
#                                N=10,000 (6.70G -> 6.34G).
include(DebianSource)
set(KEYWAY_SQLITE_SOURCE "${PROJECT_SOURCE_DIR}/third_party/sqlite" CACHE PATH
    "Directory holding SQLite's amalgamation (scripts/fetch-sqlite.sh)")

if(KEYWAY_STATIC_ARCHIVES AND EXISTS "${KEYWAY_SQLITE_SOURCE}/sqlite3.c"
   AND EXISTS "${KEYWAY_SQLITE_SOURCE}/sqlite3.h")
  add_library(keyway_sqlite3 STATIC "${KEYWAY_SQLITE_SOURCE}/sqlite3.c")
  set_target_properties(keyway_sqlite3 PROPERTIES C_STANDARD 99 C_EXTENSIONS ON)
  target_include_directories(keyway_sqlite3 SYSTEM PUBLIC "${KEYWAY_SQLITE_SOURCE}")
  target_compile_definitions(keyway_sqlite3 PRIVATE
    # debian/rules
    SQLITE_SECURE_DELETE SQLITE_ENABLE_COLUMN_METADATA SQLITE_ENABLE_FTS3
    SQLITE_ENABLE_FTS3_PARENTHESIS SQLITE_ENABLE_RTREE=1 SQLITE_SOUNDEX=1
    SQLITE_ENABLE_UNLOCK_NOTIFY SQLITE_ENABLE_DBSTAT_VTAB SQLITE_ALLOW_ROWID_IN_VIEW
    SQLITE_ENABLE_UPDATE_DELETE_LIMIT=1 SQLITE_ENABLE_LOAD_EXTENSION SQLITE_ENABLE_JSON1
    SQLITE_LIKE_DOESNT_MATCH_BLOBS SQLITE_ENABLE_FTS3_TOKENIZER=1
    SQLITE_USE_URI=1 SQLITE_MAX_SCHEMA_RETRY=25 SQLITE_ENABLE_PREUPDATE_HOOK
    SQLITE_ENABLE_SESSION SQLITE_ENABLE_STMTVTAB SQLITE_MAX_VARIABLE_NUMBER=250000
    # Debian's configure (--enable-fts4 --enable-fts5, math functions by default)
    SQLITE_ENABLE_FTS4 SQLITE_ENABLE_FTS5 SQLITE_ENABLE_MATH_FUNCTIONS SQLITE_OS_UNIX=1 NDEBUG
    # What configure finds on Debian (sqlite_cfg.h), without malloc_usable_size,
    # which Debian's patch 10-665363 turns off
    HAVE_USLEEP=1 HAVE_FDATASYNC=1 HAVE_LOCALTIME_R=1 HAVE_GMTIME_R=1 HAVE_STRCHRNUL=1
    HAVE_ISNAN=1 HAVE_PREAD=1 HAVE_PWRITE=1 HAVE_PREAD64=1 HAVE_PWRITE64=1 HAVE_UTIME=1
    HAVE_STDINT_H=1 HAVE_INTTYPES_H=1 HAVE_MALLOC_H=1
    # keyway's choices (above)
    SQLITE_MALLOC_SOFT_LIMIT=0 SQLITE_DEFAULT_MEMSTATUS=0 SQLITE_THREADSAFE=2)
  # Third-party code: its own warnings are not keyway's, and it is neither
  # sanitized nor left unoptimised in Debug builds, as Debian's library was not.
  target_compile_options(keyway_sqlite3 PRIVATE -w -fno-sanitize=all -O2)
  target_link_libraries(keyway_sqlite3 PUBLIC Threads::Threads m ${CMAKE_DL_LIBS})
  add_library(keyway::sqlite3 ALIAS keyway_sqlite3)
  keyway_debian_version("${KEYWAY_SQLITE_SOURCE}" keyway_sqlite_version)
  message(STATUS "SQLite: compiled from ${KEYWAY_SQLITE_SOURCE} (Debian ${keyway_sqlite_version})")
else()
  message(STATUS "SQLite: Debian's library (no amalgamation in ${KEYWAY_SQLITE_SOURCE}; "
                 "scripts/fetch-sqlite.sh writes one)")
endif()
