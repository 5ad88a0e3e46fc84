#include "backend/go_runtime.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
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

bool start_go_runtime() {
    static bool injected = false;
    static std::once_flag once;
    std::call_once(once, [] {
        // CPPHELM_TRACE_GO=1: say so on stderr (tests check which commands never start the runtime).
        if (const char* t = std::getenv("CPPHELM_TRACE_GO"); t && std::strcmp(t, "1") == 0)
            std::fputs("cpphelm: starting the Go runtime\n", stderr);
        // Package initialisers allocate several MiB of short-lived tables; with the collector's default
        // target they trigger a few collections before the first operation. Unless the host's
        // environment sets GOGC, the runtime's own copy of the environment (never the host's) starts
        // with GOGC=400; the backend then sets the operations' target and removes it (chs_configure).
        static const char startup_gogc[] = "GOGC=400";
        injected = std::getenv("GOGC") == nullptr;
        // The runtime reads its environment (and then the auxiliary vector: page size, ...) from
        // behind argv. Hand it the environment as it is now (plus GOGC for the start-up) followed by
        // the process's own auxiliary vector, laid out as the kernel lays them out.
        static std::vector<char*> block;
        block.assign(g_argv, g_argv + g_argc);
        block.push_back(nullptr);
        for (char** e = environ; e && *e; ++e) block.push_back(*e);
        if (injected) block.push_back(const_cast<char*>(startup_gogc));
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
    return injected;
}

namespace {

// /proc/self/pagemap bits: page present, page is file-backed (or shared anonymous).
constexpr uint64_t kPresent = 1ull << 63;
constexpr uint64_t kFilePage = 1ull << 61;

// Drops the resident file pages of [begin, end). Anything else is kept: a private copy the dynamic
// loader wrote (present and not a file page, or swapped out), and every page when pagemap tells
// nothing (a page that is not present takes no memory anyway).
void release_range(int pagemap, uintptr_t begin, uintptr_t end, size_t page) {
    std::vector<uint64_t> entries((end - begin) / page);
    off_t at = static_cast<off_t>(begin / page * sizeof(uint64_t));
    size_t bytes = entries.size() * sizeof(uint64_t);
    if (pread(pagemap, entries.data(), bytes, at) != static_cast<ssize_t>(bytes)) return;
    size_t run = 0;  // first page of the current run of resident file pages
    for (size_t i = 0; i <= entries.size(); ++i) {
        bool keep = i == entries.size() || !((entries[i] & kPresent) && (entries[i] & kFilePage));
        if (!keep) continue;
        if (i > run) madvise(reinterpret_cast<void*>(begin + run * page), (i - run) * page, MADV_DONTNEED);
        run = i + 1;
    }
}

}  // namespace

void release_startup_pages() {
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return;
    exe[n] = 0;
    std::FILE* maps = std::fopen("/proc/self/maps", "re");
    if (!maps) return;
    int pagemap = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    char line[4608];
    while (pagemap >= 0 && std::fgets(line, sizeof line, maps)) {
        unsigned long begin = 0, end = 0;
        char perms[8] = {0};
        int path_at = 0;
        if (std::sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &begin, &end, perms, &path_at) < 3 || !path_at) continue;
        std::string path(line + path_at);
        while (!path.empty() && path.back() == '\n') path.pop_back();
        if (path != exe || perms[1] == 'w') continue;
        release_range(pagemap, begin, end, page);
    }
    if (pagemap >= 0) close(pagemap);
    std::fclose(maps);
}

}  // namespace cpphelm
