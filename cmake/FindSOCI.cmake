# FindSOCI: Debian's libsoci-dev ships headers and libraries but no CMake package.
# Defines SOCI::core and one imported target per backend found (SOCI::sqlite3,
# SOCI::postgresql), and SOCI_FOUND.
# SOCI::postgresql is the static backend without libpq: keyway loads libpq
# when a PostgreSQL URL is used (backends/postgres/libpq_loader.h), so its
# users link the functions that file forwards instead.
# With KEYWAY_STATIC_ARCHIVES (cmake/StaticArchives.cmake), SOCI::core and
# SOCI::sqlite3 are the static archives too, and SQLite is keyway::sqlite3.
find_path(SOCI_INCLUDE_DIR soci/soci.h)
if(KEYWAY_STATIC_ARCHIVES)
  find_library(SOCI_CORE_ARCHIVE NAMES libsoci_core.a)
  find_library(SOCI_SQLITE3_ARCHIVE NAMES libsoci_sqlite3.a)
endif()
find_library(SOCI_CORE_SHARED NAMES soci_core)
find_library(SOCI_SQLITE3_SHARED NAMES soci_sqlite3)
find_library(SOCI_POSTGRESQL_STATIC_LIBRARY NAMES libsoci_postgresql.a)
find_package(SQLite3 QUIET)
find_package(PostgreSQL QUIET)
if(COMMAND keyway_archive AND TARGET SQLite::SQLite3)
  keyway_archive(sqlite3 sqlite3 SQLite::SQLite3 m)
endif()

set(SOCI_CORE_LIBRARY "${SOCI_CORE_SHARED}")
set(SOCI_SQLITE3_LIBRARY "${SOCI_SQLITE3_SHARED}")
set(SOCI_SQLITE_DEPENDENCY SQLite::SQLite3)
if(KEYWAY_STATIC_ARCHIVES AND SOCI_CORE_ARCHIVE AND SOCI_SQLITE3_ARCHIVE AND TARGET keyway::sqlite3)
  set(SOCI_CORE_LIBRARY "${SOCI_CORE_ARCHIVE}")
  set(SOCI_SQLITE3_LIBRARY "${SOCI_SQLITE3_ARCHIVE}")
  set(SOCI_SQLITE_DEPENDENCY keyway::sqlite3)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(SOCI REQUIRED_VARS SOCI_CORE_LIBRARY SOCI_INCLUDE_DIR)

if(SOCI_FOUND AND NOT TARGET SOCI::core)
  add_library(SOCI::core UNKNOWN IMPORTED)
  set_target_properties(SOCI::core PROPERTIES
    IMPORTED_LOCATION "${SOCI_CORE_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${CMAKE_DL_LIBS}")
  if(SOCI_SQLITE3_LIBRARY)
    add_library(SOCI::sqlite3 UNKNOWN IMPORTED)
    set_target_properties(SOCI::sqlite3 PROPERTIES
      IMPORTED_LOCATION "${SOCI_SQLITE3_LIBRARY}"
      INTERFACE_LINK_LIBRARIES "SOCI::core;${SOCI_SQLITE_DEPENDENCY}")
  endif()
  if(SOCI_POSTGRESQL_STATIC_LIBRARY)
    add_library(SOCI::postgresql UNKNOWN IMPORTED)
    set_target_properties(SOCI::postgresql PROPERTIES
      IMPORTED_LOCATION "${SOCI_POSTGRESQL_STATIC_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${PostgreSQL_INCLUDE_DIRS}"
      INTERFACE_LINK_LIBRARIES "SOCI::core;${CMAKE_DL_LIBS}")
  endif()
endif()
mark_as_advanced(SOCI_INCLUDE_DIR SOCI_CORE_ARCHIVE SOCI_SQLITE3_ARCHIVE SOCI_CORE_SHARED
                 SOCI_SQLITE3_SHARED SOCI_POSTGRESQL_STATIC_LIBRARY)
