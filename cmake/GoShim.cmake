# Builds go/ as a c-archive (helm's library behind the shim's C ABI) and exposes it as cpphelm::shim
# (the installed package defines the same imported target: cmake/cpphelmConfig.cmake.in).
# Rebuilt only when a Go input changes; Go's own caches stay in their default places.
find_program(GO_EXECUTABLE go REQUIRED)
file(GLOB_RECURSE CPPHELM_GO_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/go/*.go)
list(FILTER CPPHELM_GO_SOURCES EXCLUDE REGEX "_test\\.go$")
set(CPPHELM_SHIM_DIR ${CMAKE_BINARY_DIR}/go)
set(CPPHELM_SHIM_LIB ${CPPHELM_SHIM_DIR}/libcpphelmshim.a)
file(MAKE_DIRECTORY ${CPPHELM_SHIM_DIR})
# The link flags are an input too: this stamp changes (and the archive is rebuilt) only when they do.
set(CPPHELM_SHIM_LDFLAGS "-X helm.sh/helm/v4/internal/version.version=${HELM_VERSION}")
file(CONFIGURE OUTPUT ${CPPHELM_SHIM_DIR}/ldflags.stamp CONTENT "${CPPHELM_SHIM_LDFLAGS}\n")
add_custom_command(
  OUTPUT ${CPPHELM_SHIM_LIB} ${CPPHELM_SHIM_DIR}/libcpphelmshim.h
  COMMAND ${CMAKE_COMMAND} -E env GOFLAGS=-mod=readonly CGO_ENABLED=1
          ${GO_EXECUTABLE} build -buildmode=c-archive -trimpath -buildvcs=false
          -ldflags "${CPPHELM_SHIM_LDFLAGS}"
          -o ${CPPHELM_SHIM_LIB} .
  COMMAND ${CMAKE_SOURCE_DIR}/cmake/lazy_go_init.sh ${CMAKE_AR} ${CMAKE_OBJCOPY} ${CPPHELM_SHIM_LIB}
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}/go
  DEPENDS ${CPPHELM_GO_SOURCES} ${CMAKE_SOURCE_DIR}/go/go.mod ${CMAKE_SOURCE_DIR}/go/go.sum
          ${CMAKE_SOURCE_DIR}/cmake/lazy_go_init.sh ${CPPHELM_SHIM_DIR}/ldflags.stamp
  COMMENT "Building the Go shim (c-archive of helm ${HELM_VERSION})"
  USES_TERMINAL)
add_custom_target(cpphelm_shim_build DEPENDS ${CPPHELM_SHIM_LIB})
add_library(cpphelm::shim STATIC IMPORTED GLOBAL)
set_target_properties(cpphelm::shim PROPERTIES
  IMPORTED_LOCATION ${CPPHELM_SHIM_LIB}
  INTERFACE_INCLUDE_DIRECTORIES ${CPPHELM_SHIM_DIR})
add_dependencies(cpphelm::shim cpphelm_shim_build)
