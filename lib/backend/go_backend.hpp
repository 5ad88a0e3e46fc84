#pragma once

#include "cpphelm/backend.hpp"

namespace cpphelm {

// The backend that calls helm's library through the Go shim's C ABI (the c-archive linked in).
class GoBackend final : public Backend {
public:
    GoBackend();

    BackendReply invoke(std::string_view op, const std::string& request_json, CancelToken* cancel = nullptr) override;
    std::unique_ptr<CancelToken> new_cancel_token() override;
    void set_event_sink(EventSink sink) override;

    // Delivers one event from the shim to the installed sink (called on the shim's thread).
    void deliver(EventKind kind, std::string_view data);

private:
    EventRelay m_events;
};

}  // namespace cpphelm
