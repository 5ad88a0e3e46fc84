#include "cpphelm/go_backend.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "backend/go_runtime.hpp"
#include "libcpphelmshim.h"

namespace cpphelm {

namespace {

// Frees memory the shim allocated (RAII over chs_free).
struct ShimBuffer {
    char* p = nullptr;
    size_t n = 0;
    ShimBuffer() = default;
    ShimBuffer(const ShimBuffer&) = delete;
    ShimBuffer& operator=(const ShimBuffer&) = delete;
    ~ShimBuffer() {
        if (p) chs_free(p);
    }
    std::string str() const { return p ? std::string(p, n) : std::string(); }
};

class GoCancelToken final : public CancelToken {
public:
    GoCancelToken() : m_handle(chs_cancel_new()) {}
    ~GoCancelToken() override { chs_cancel_free(m_handle); }
    GoCancelToken(const GoCancelToken&) = delete;
    GoCancelToken& operator=(const GoCancelToken&) = delete;
    void cancel() override { chs_cancel(m_handle); }
    uint64_t handle() const { return m_handle; }

private:
    uint64_t m_handle;
};

extern "C" void go_backend_event(void* user, int kind, const char* data, size_t len) {
    static_cast<GoBackend*>(user)->deliver(static_cast<EventKind>(kind), std::string_view(data, len));
}

}  // namespace

GoBackend::GoBackend(GoRuntimeOptions options)
    : m_events([](EventKind kind, std::string_view data) {
          if (kind == EventKind::Progress) return;  // drawn only by a sink that asked for it
          std::FILE* f = kind == EventKind::Stdout ? stdout : stderr;
          std::fwrite(data.data(), 1, data.size(), f);
          std::fflush(f);
      }) {
    bool startup_gogc = start_go_runtime();
    chs_set_event_callback(&go_backend_event, this);  // returns once every package initialiser has run
    // With cpphelm's start-up GOGC gone, Go's default target must be restored explicitly; a host's
    // own GOGC stays in charge.
    int gc = startup_gogc ? (options.gc_percent < 0 ? 100 : options.gc_percent) : -1;
    chs_configure(gc, startup_gogc ? 1 : 0, options.handle_signals ? 1 : 0);
    if (options.release_startup_pages) release_startup_pages();
}

void GoBackend::set_event_sink(EventSink sink) { m_events.set(std::move(sink)); }

void GoBackend::deliver(EventKind kind, std::string_view data) { m_events.deliver(kind, data); }

std::unique_ptr<CancelToken> GoBackend::new_cancel_token() { return std::make_unique<GoCancelToken>(); }

BackendReply GoBackend::invoke(std::string_view op, const std::string& request_json, CancelToken* cancel) {
    // helm's library writes a few lines straight to fd 1; keep our own buffered output ahead of them.
    std::fflush(stdout);
    std::string op_name(op);
    uint64_t handle = 0;
    if (auto* t = dynamic_cast<GoCancelToken*>(cancel)) handle = t->handle();
    ShimBuffer out, printed;
    chs_invoke(const_cast<char*>(op_name.c_str()), const_cast<char*>(request_json.data()), request_json.size(),
               handle, &out.p, &out.n, &printed.p, &printed.n);
    BackendReply reply;
    reply.stdout_bytes = printed.str();
    auto env = nlohmann::json::parse(out.str(), nullptr, false);
    if (env.is_discarded()) {
        reply.error_kind = "internal";
        reply.error_message = "the shim returned a malformed result";
        return reply;
    }
    reply.ok = env.value("ok", false);
    if (auto it = env.find("error"); it != env.end() && it->is_object()) {
        reply.error_kind = it->value("kind", "invalid");
        reply.error_message = it->value("message", "");
        reply.error_exit_code = it->value("exit_code", 1);
        if (auto d = it->find("details"); d != it->end() && d->is_object()) reply.error_details = d->dump();
    }
    if (auto it = env.find("result"); it != env.end()) reply.result_json = it->dump();
    return reply;
}

}  // namespace cpphelm
