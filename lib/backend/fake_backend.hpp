#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cpphelm/backend.hpp"

namespace cpphelm {

// A backend for unit tests: records every call and answers from canned replies, no Go involved.
class FakeBackend final : public Backend {
public:
    struct Call {
        std::string op;
        std::string request_json;
    };

    // Sets the reply for an operation (the default reply is ok with no output).
    void reply(const std::string& op, BackendReply r) { m_replies[op] = std::move(r); }

    const std::vector<Call>& calls() const { return m_calls; }

    BackendReply invoke(std::string_view op, const std::string& request_json, CancelToken*) override {
        m_calls.push_back({std::string(op), request_json});
        auto it = m_replies.find(std::string(op));
        if (it != m_replies.end()) return it->second;
        BackendReply ok;
        ok.ok = true;
        return ok;
    }

    std::unique_ptr<CancelToken> new_cancel_token() override {
        struct Token : CancelToken {
            void cancel() override {}
        };
        return std::make_unique<Token>();
    }

    void set_event_sink(EventSink sink) override { m_sink = std::move(sink); }

private:
    std::map<std::string, BackendReply> m_replies;
    std::vector<Call> m_calls;
    EventSink m_sink;
};

}  // namespace cpphelm
