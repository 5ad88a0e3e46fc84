#include "backend/go_runtime.hpp"

#include <mutex>
#include <vector>

extern char** environ;

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
    std::call_once(once, [] {
        // The runtime reads its environment (and then the auxiliary vector: page size, ...) from
        // behind argv. Hand it the environment as it is now (C++ may have added to it, e.g. GOGC for
        // short commands) followed by the process's own auxiliary vector, laid out as the kernel
        // lays them out.
        static std::vector<char*> block;
        block.assign(g_argv, g_argv + g_argc);
        block.push_back(nullptr);
        for (char** e = environ; e && *e; ++e) block.push_back(*e);
        block.push_back(nullptr);
        char** p = g_argv + g_argc + 1;  // the original environment
        while (*p) ++p;
        ++p;  // the auxiliary vector: (type, value) pairs up to AT_NULL
        for (;; p += 2) {
            block.push_back(p[0]);
            block.push_back(p[1]);
            if (p[0] == nullptr) break;
        }
        _rt0_amd64_lib(g_argc, block.data());
    });
}

}  // namespace cpphelm
