#pragma once

#include "cpphelm/backend.hpp"

namespace cpphelm {

// How the Go runtime behind GoBackend behaves in its host process. The defaults change nothing in the
// host: no signal handlers, no environment changes, no memory advice on the host's pages. The
// runtime is one per process: the last GoBackend constructed decides the collector target and the
// signal handling.
struct GoRuntimeOptions {
    // The Go collector's growth target for the operations, in percent (Go's GOGC); < 0 keeps Go's
    // default (100). A GOGC in the host's environment wins over it.
    int gc_percent = -1;
    // install and upgrade handle SIGINT/SIGTERM as helm's do (print "Release … has been cancelled."
    // and fail with helm's error). Off: cancel through a CancelToken instead.
    bool handle_signals = false;
    // Once the runtime and helm's package initialisers have run, give back the executable's
    // read-only pages only they touched (about 20 MiB of RSS). Only for an executable whose own
    // pages may be dropped (they come back from the page cache on use): the CLI sets it.
    bool release_startup_pages = false;
};

// The backend that calls helm's library through the Go shim's C ABI (the c-archive linked in). The
// first one constructed starts the Go runtime (helm's package initialisers take ~30 ms).
class GoBackend final : public Backend {
public:
    explicit GoBackend(GoRuntimeOptions options = {});

    BackendReply invoke(std::string_view op, const std::string& request_json, CancelToken* cancel = nullptr) override;
    std::unique_ptr<CancelToken> new_cancel_token() override;
    void set_event_sink(EventSink sink) override;

    // Delivers one event from the shim to the installed sink (called on the shim's thread).
    void deliver(EventKind kind, std::string_view data);

private:
    EventRelay m_events;
};

}  // namespace cpphelm
