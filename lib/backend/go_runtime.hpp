#pragma once

namespace cpphelm {

// Starts the Go runtime of the linked shim, once; cheap after the first call. Every path into the
// shim goes through GoBackend, which calls this first.
void start_go_runtime();

}  // namespace cpphelm
