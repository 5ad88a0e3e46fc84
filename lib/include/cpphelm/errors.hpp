#pragma once

#include <stdexcept>
#include <string>

namespace cpphelm {

// What went wrong, coarsely: main maps every kind to helm's exit code (1), except Exit.
enum class ErrorKind {
    Usage,      // bad flags or arguments (helm: cobra/pflag errors)
    Failed,     // the operation failed (helm: an error from pkg/action and friends)
    Cancelled,  // interrupted by SIGINT/SIGTERM
    Internal,   // a bug: a Go panic, a malformed result from the shim
    Exit,       // exit with a given code and no message (a plugin's exit code, lint's summary)
};

// The one error type of cpphelm; `what()` is the message printed after "Error: ".
class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, std::string message, int exit_code = 1)
        : std::runtime_error(std::move(message)), m_kind(kind), m_exit_code(exit_code) {}

    ErrorKind kind() const noexcept { return m_kind; }
    int exit_code() const noexcept { return m_exit_code; }

    // The structured kind scripts read (CPPHELM_ERROR_FORMAT=json): usage, not_found, invalid, conflict,
    // unauthorized, timeout, cancelled, network or internal.
    std::string kind_name() const {
        if (!m_kind_name.empty()) return m_kind_name;
        switch (m_kind) {
        case ErrorKind::Usage: return "usage";
        case ErrorKind::Cancelled: return "cancelled";
        case ErrorKind::Internal: return "internal";
        default: return "invalid";
        }
    }
    // Details of the failure as a JSON object's text ("" when none): release, namespace, revision,
    // the pending state of a locked release, resources that were not ready.
    const std::string& details_json() const noexcept { return m_details; }
    Error& with_details(std::string kind_name, std::string details_json) {
        m_kind_name = std::move(kind_name);
        m_details = std::move(details_json);
        return *this;
    }

    // Output helm prints to stdout before the error (e.g. `template --debug` of an invalid chart).
    const std::string& partial_stdout() const noexcept { return m_stdout; }
    Error& with_stdout(std::string out) {
        m_stdout = std::move(out);
        return *this;
    }

private:
    ErrorKind m_kind;
    int m_exit_code;
    std::string m_stdout;
    std::string m_kind_name;
    std::string m_details;
};

// Returns an Error of kind Usage with the given message.
inline Error usage_error(std::string message) { return Error(ErrorKind::Usage, std::move(message)); }

// Returns an Error of kind Failed with the given message.
inline Error failed(std::string message) { return Error(ErrorKind::Failed, std::move(message)); }

}  // namespace cpphelm
