# FindSOCI: Debian's libsoci-dev ships headers and libraries but no CMake package.
# Defines SOCI::core and one imported target per backend found (SOCI::sqlite3,
# SOCI::postgresql), and SOCI_FOUND.
# SOCI::postgresql is the static backend without libpq: keyway loads libpq
# when a PostgreSQL URL is used (backends/postgres/libpq_loader.h), so its
# users link the functions that file forwards instead.
find_path(SOCI_INCLUDE_DIR soci/soci.h)
find_library(SOCI_CORE_LIBRARY NAMES soci_core)
find_library(SOCI_SQLITE3_LIBRARY NAMES soci_sqlite3)
find_library(SOCI_POSTGRESQL_STATIC_LIBRARY NAMES libsoci_postgresql.a)
find_package(SQLite3 QUIET)
find_package(PostgreSQL QUIET)

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
      INTERFACE_LINK_LIBRARIES "SOCI::core;SQLite::SQLite3")
  endif()
  if(SOCI_POSTGRESQL_STATIC_LIBRARY)
    add_library(SOCI::postgresql UNKNOWN IMPORTED)
    set_target_properties(SOCI::postgresql PROPERTIES
      IMPORTED_LOCATION "${SOCI_POSTGRESQL_STATIC_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${PostgreSQL_INCLUDE_DIRS}"
      INTERFACE_LINK_LIBRARIES "SOCI::core;${CMAKE_DL_LIBS}")
  endif()
endif()
mark_as_advanced(SOCI_INCLUDE_DIR SOCI_CORE_LIBRARY SOCI_SQLITE3_LIBRARY SOCI_POSTGRESQL_STATIC_LIBRARY)
