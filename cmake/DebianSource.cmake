# keyway_debian_version(<dir> <var>): the Debian version of the source package
# a scripts/fetch-*.sh wrote into <dir> (its DEBIAN_VERSION file), or
# "version unknown". For the build's messages.
function(keyway_debian_version dir var)
  set(version "version unknown")
  if(EXISTS "${dir}/DEBIAN_VERSION")
    file(READ "${dir}/DEBIAN_VERSION" version LIMIT 64)
    string(STRIP "${version}" version)
  endif()
  set(${var} "${version}" PARENT_SCOPE)
endfunction()
