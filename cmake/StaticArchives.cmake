# Static archives for the C libraries and SOCI: Debian ships a `.a` beside
# each shared library keyway uses from libsqlite3-dev, libyaml-dev,
# libyaml-cpp-dev, libssl-dev and libsoci-dev. Linking those archives into
# the binary leaves the dynamic loader 8 libraries to map and relocate at
# start instead of 14, which is most of what `keyway` spends before its
# first line of work (README "Performance"). libstdc++, fmt and spdlog stay
# shared: Debian ships fmt and spdlog as shared libraries only, and one
# process must not hold two copies of the C++ runtime.
#
# keyway_archive(<name> <archive> <fallback> [<dependency>...]) defines the
# interface target keyway::<name>: the archive and its own dependencies when
# KEYWAY_STATIC_ARCHIVES is on and the archive is installed, else <fallback>
# (a target or library found the usual way).
find_package(Threads REQUIRED)
option(KEYWAY_STATIC_ARCHIVES "Link SQLite, libyaml, yaml-cpp, libcrypto and SOCI from their static archives" ON)

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
