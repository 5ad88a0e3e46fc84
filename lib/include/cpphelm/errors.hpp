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
};

// Returns an Error of kind Usage with the given message.
inline Error usage_error(std::string message) { return Error(ErrorKind::Usage, std::move(message)); }

// Returns an Error of kind Failed with the given message.
inline Error failed(std::string message) { return Error(ErrorKind::Failed, std::move(message)); }

}  // namespace cpphelm
