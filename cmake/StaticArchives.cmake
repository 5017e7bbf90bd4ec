# Static archives for what keyway links: Debian ships a `.a` beside each
# shared library keyway uses from libsqlite3-dev, libyaml-dev,
# libyaml-cpp-dev, libssl-dev and libsoci-dev, and GCC's libstdc++.a.
# Debian ships fmt and spdlog as shared libraries only: keyway compiles fmt's
# library part from its headers (third_party/fmt_library.cc) and uses spdlog
# as headers. The keyway binary then needs only the C library at start, which
# is most of what it spends before its first line of work (README
# "Performance"). The test and benchmark binaries link GoogleTest and Google
# Benchmark, which are shared and bring the shared C++ runtime, so only the
# keyway binary takes the static one: one process must hold one C++ runtime.
find_package(Threads REQUIRED)
option(KEYWAY_STATIC_ARCHIVES "Link SQLite, libyaml, yaml-cpp, libcrypto, SOCI, fmt and the C++ runtime statically" ON)

# keyway_archive(<name> <archive> <fallback> [<dependency>...]) defines the
# interface target keyway::<name>: the archive and its own dependencies when
# KEYWAY_STATIC_ARCHIVES is on and the archive is installed, else <fallback>
# (a target or library found the usual way).
function(keyway_archive name archive fallback)
  if(TARGET keyway::${name})
    return()
  endif()
  if(KEYWAY_STATIC_ARCHIVES)
    find_library(KEYWAY_${name}_ARCHIVE NAMES lib${archive}.a)
    mark_as_advanced(KEYWAY_${name}_ARCHIVE)
  endif()
  add_library(keyway::${name} INTERFACE IMPORTED)
  if(KEYWAY_STATIC_ARCHIVES AND KEYWAY_${name}_ARCHIVE)
    target_link_libraries(keyway::${name} INTERFACE "${KEYWAY_${name}_ARCHIVE}" ${ARGN})
    if(TARGET ${fallback})
      target_include_directories(keyway::${name} INTERFACE
        $<TARGET_PROPERTY:${fallback},INTERFACE_INCLUDE_DIRECTORIES>)
    endif()
  else()
    target_link_libraries(keyway::${name} INTERFACE ${fallback})
  endif()
endfunction()

# keyway::fmt and keyway::spdlog: fmt compiled in and spdlog as headers, or
# Debian's shared libraries when KEYWAY_STATIC_ARCHIVES is off.
function(keyway_fmt_and_spdlog)
  add_library(keyway::fmt INTERFACE IMPORTED)
  add_library(keyway::spdlog INTERFACE IMPORTED)
  if(KEYWAY_STATIC_ARCHIVES)
    add_library(keyway_fmt STATIC ${PROJECT_SOURCE_DIR}/third_party/fmt_library.cc)
    target_include_directories(keyway_fmt PUBLIC $<TARGET_PROPERTY:fmt::fmt,INTERFACE_INCLUDE_DIRECTORIES>)
    target_link_libraries(keyway::fmt INTERFACE keyway_fmt)
    target_compile_definitions(keyway::spdlog INTERFACE SPDLOG_FMT_EXTERNAL)
    target_include_directories(keyway::spdlog INTERFACE
      $<TARGET_PROPERTY:spdlog::spdlog,INTERFACE_INCLUDE_DIRECTORIES>)
    target_link_libraries(keyway::spdlog INTERFACE keyway::fmt Threads::Threads)
  else()
    target_link_libraries(keyway::fmt INTERFACE fmt::fmt)
    target_link_libraries(keyway::spdlog INTERFACE spdlog::spdlog)
  endif()
endfunction()

# The C++ runtime linked into <target>, unless sanitizers are on (their
# runtime replaces the allocation functions of the shared one).
function(keyway_static_cxx_runtime target)
  if(KEYWAY_STATIC_ARCHIVES AND NOT KEYWAY_SANITIZE)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  endif()
endfunction()
