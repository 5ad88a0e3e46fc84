#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace cpphelm {

// What one call into the backend returned: the JSON envelope's parts and the stdout bytes.
struct BackendReply {
    bool ok = false;
    std::string error_kind;     // "cancelled", "internal", "not_found", "conflict", … (Error::kind_name)
    std::string error_message;  // the Go error string, verbatim
    int error_exit_code = 1;    // the status to exit with (a plugin's own)
    std::string error_details;  // a JSON object's text, or "" (Error::details_json)
    std::string result_json;    // the structured result ("" when none)
    std::string stdout_bytes;   // helm-identical output the op produced (also set on failure)
};

// Kinds of events the backend streams while an operation runs.
// Progress: a JSON snapshot of the resources a wait is watching (only when settings.progress asks).
enum class EventKind { Stderr = 1, Stdout = 2, Progress = 3 };

// Receives events (log lines, progress) while an operation runs, in order.
using EventSink = std::function<void(EventKind, std::string_view)>;

// Where a backend's events go. The shim calls back on its own threads while the command may
// replace the sink (ProgressScope): a delivery and a replacement never overlap, and each event
// reaches exactly one sink, whole.
class EventRelay {
public:
    explicit EventRelay(EventSink sink = {}) : m_sink(std::move(sink)) {}

    void set(EventSink sink) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_sink = std::move(sink);
    }

    void deliver(EventKind kind, std::string_view data) {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_sink) m_sink(kind, data);
    }

private:
    std::mutex m_mutex;
    EventSink m_sink;
};

// A cancellation handle: cancel() interrupts the operation it was passed to.
class CancelToken {
public:
    virtual ~CancelToken() = default;
    virtual void cancel() = 0;
};

// The only way the core reaches helm's library. GoBackend calls the shim; FakeBackend serves tests.
class Backend {
public:
    virtual ~Backend() = default;

    // Runs operation `op` with a JSON request; never throws for operation errors (they are in the reply).
    virtual BackendReply invoke(std::string_view op, const std::string& request_json,
                                CancelToken* cancel = nullptr) = 0;

    // Returns a new cancellation handle for a long operation.
    virtual std::unique_ptr<CancelToken> new_cancel_token() = 0;

    // Installs where events go; the default sink writes stderr events to stderr.
    virtual void set_event_sink(EventSink sink) = 0;
};

}  // namespace cpphelm
