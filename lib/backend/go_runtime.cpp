#include "backend/go_runtime.hpp"

#include <mutex>

// The Go runtime's library entry point (see cmake/lazy_go_init.sh): starts the runtime and the
// package initialisers on a thread of its own; exported calls wait for it to finish.
extern "C" void _rt0_amd64_lib(int argc, char** argv);

namespace {

int g_argc = 0;
char** g_argv = nullptr;

// glibc passes (argc, argv, envp) to initialisers; the Go runtime needs the same argv (its environment
// is read from behind it), exactly as the .init_array entry we removed would have received.
__attribute__((constructor)) void save_process_args(int argc, char** argv, char**) {
    g_argc = argc;
    g_argv = argv;
}

}  // namespace

namespace cpphelm {

void start_go_runtime() {
    static std::once_flag once;
    std::call_once(once, [] { _rt0_amd64_lib(g_argc, g_argv); });
}

}  // namespace cpphelm
