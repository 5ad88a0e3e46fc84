#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cpphelm/backend.hpp"

namespace cpphelm {

// A cancellation token of the FakeBackend: cancel() may come from any thread (as a signal
// watcher's would); the operation polls cancelled().
class FakeCancelToken final : public CancelToken {
public:
    void cancel() override { m_cancelled.store(true); }
    bool cancelled() const { return m_cancelled.load(); }

private:
    std::atomic<bool> m_cancelled{false};
};

// A backend for unit tests: records every call and answers from canned replies, no Go involved.
// Events can be emitted from any thread, as the shim emits them from its own.
class FakeBackend final : public Backend {
public:
    // Runs during every invoke, before the reply is chosen (an operation that takes time, emits
    // events or waits for its cancellation); the token is the one passed to invoke, or nullptr.
    using Work = std::function<void(const std::string& op, FakeCancelToken* cancel)>;

    struct Call {
        std::string op;
        std::string request_json;
    };

    // Sets the reply for an operation (the default reply is ok with no output).
    void reply(const std::string& op, BackendReply r) { m_replies[op] = std::move(r); }

    const std::vector<Call>& calls() const { return m_calls; }

    void on_invoke(Work work) { m_work = std::move(work); }

    // Delivers an event to the installed sink, from whichever thread calls it.
    void emit(EventKind kind, std::string_view data) { m_events.deliver(kind, data); }

    BackendReply invoke(std::string_view op, const std::string& request_json, CancelToken* cancel) override {
        m_calls.push_back({std::string(op), request_json});
        if (m_work) m_work(std::string(op), dynamic_cast<FakeCancelToken*>(cancel));
        auto it = m_replies.find(std::string(op));
        if (it != m_replies.end()) return it->second;
        BackendReply ok;
        ok.ok = true;
        return ok;
    }

    std::unique_ptr<CancelToken> new_cancel_token() override { return std::make_unique<FakeCancelToken>(); }

    void set_event_sink(EventSink sink) override { m_events.set(std::move(sink)); }

private:
    std::map<std::string, BackendReply> m_replies;
    std::vector<Call> m_calls;
    Work m_work;
    EventRelay m_events;
};

}  // namespace cpphelm
