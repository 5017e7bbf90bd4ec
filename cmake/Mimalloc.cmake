# keyway_allocator(<target>): links mimalloc into an executable as its
# malloc/free, when scripts/fetch-mimalloc.sh has written its sources
# (KEYWAY_MIMALLOC_SOURCE, default third_party/mimalloc/) and the build links
# its archives statically (KEYWAY_STATIC_ARCHIVES). Not in sanitizer builds:
# AddressSanitizer brings its own malloc.
#
# Why: a run of `keyway diff` allocates and frees a few million small blocks
# (libyaml's tokens, SQLite's rows, the schema's names and vectors), and
# glibc's malloc and free were 15% of its instructions at N=10,000 models.
# mimalloc (Microsoft's allocator, packaged by Debian) takes fewer
# instructions per call and keeps blocks of one size together: `keyway diff`
# at N=10,000 took 0.98 s with glibc's allocator and 0.79 s with mimalloc
# (`perf stat -r 5`), peak RSS unchanged (138 MB).
#
# It is compiled as one object (src/static.c) with MI_MALLOC_OVERRIDE, so the
# executable itself defines malloc, free and the rest; the dynamic linker binds
# the C library's and libpq's calls (libpq is opened at run time) to them too.
include(DebianSource)
set(KEYWAY_MIMALLOC_SOURCE "${PROJECT_SOURCE_DIR}/third_party/mimalloc" CACHE PATH
    "Directory holding mimalloc's sources (scripts/fetch-mimalloc.sh)")

if(KEYWAY_STATIC_ARCHIVES AND NOT KEYWAY_SANITIZE
   AND EXISTS "${KEYWAY_MIMALLOC_SOURCE}/src/static.c")
  add_library(keyway_mimalloc OBJECT "${KEYWAY_MIMALLOC_SOURCE}/src/static.c")
  set_target_properties(keyway_mimalloc PROPERTIES C_STANDARD 11 C_EXTENSIONS ON)
  target_include_directories(keyway_mimalloc SYSTEM PRIVATE "${KEYWAY_MIMALLOC_SOURCE}/include")
  target_compile_definitions(keyway_mimalloc PRIVATE MI_MALLOC_OVERRIDE NDEBUG)
  # Third-party code, optimised as Debian's package is (RelWithDebInfo), in
  # every build type; -fno-builtin-malloc as mimalloc's own build has it.
  target_compile_options(keyway_mimalloc PRIVATE -w -O2 -fno-builtin-malloc)
  keyway_debian_version("${KEYWAY_MIMALLOC_SOURCE}" keyway_mimalloc_version)
  message(STATUS "Allocator: mimalloc from ${KEYWAY_MIMALLOC_SOURCE} (Debian ${keyway_mimalloc_version})")
else()
  message(STATUS "Allocator: the C library's (no mimalloc in ${KEYWAY_MIMALLOC_SOURCE}, "
                 "or a sanitizer or shared-library build; scripts/fetch-mimalloc.sh writes one)")
endif()

function(keyway_allocator target)
  if(TARGET keyway_mimalloc)
    target_sources(${target} PRIVATE $<TARGET_OBJECTS:keyway_mimalloc>)
    target_link_libraries(${target} PRIVATE Threads::Threads)
  endif()
endfunction()
