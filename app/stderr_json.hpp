#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

namespace cpphelm::app {

// CPPHELM_ERROR_FORMAT=json: while it lives, everything written to file descriptor 2 (C++, the Go
// runtime, helm's slog records, klog, child processes) goes through a pipe and leaves as one JSON
// object per line. helm's logfmt records (`level=WARN msg="…" key=value`) become their fields,
// `WARNING: …` lines a WARN record, anything else {"level":"INFO","msg":line}; a line that already is
// a JSON object passes unchanged.
class JsonStderr {
public:
    // Starts the redirection; nullptr when the pipe cannot be made (stderr is then left alone).
    static std::unique_ptr<JsonStderr> start();
    ~JsonStderr();
    JsonStderr(const JsonStderr&) = delete;
    JsonStderr& operator=(const JsonStderr&) = delete;

    // Restores file descriptor 2 and writes out every line still in the pipe; idempotent.
    void finish();

private:
    JsonStderr(int original, int read_end);
    void pump();

    int m_original;
    int m_read;
    bool m_finished = false;
    std::atomic<bool> m_finishing{false};  // finish() has restored fd 2: an idle pipe is drained
    std::thread m_thread;                  // last: it starts reading the members above
};

// One line of stderr text as the JSON object CPPHELM_ERROR_FORMAT=json writes (no newline).
std::string json_log_line(const std::string& line);

}  // namespace cpphelm::app
