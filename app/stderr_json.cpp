#include "stderr_json.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "gotext/goyaml.hpp"

namespace cpphelm::app {

namespace {

using ojson = nlohmann::ordered_json;


// A Go strconv.Quote'd string starting at s[i] (the opening quote); i ends past the closing quote.
std::optional<std::string> go_unquote(const std::string& s, size_t& i) {
    std::string out;
    for (++i; i < s.size(); ++i) {
        char ch = s[i];
        if (ch == '"') {
            ++i;
            return out;
        }
        if (ch != '\\') {
            out += ch;
            continue;
        }
        if (++i >= s.size()) return std::nullopt;
        char e = s[i];
        static const std::string simple = "abfnrtv\\\"'", mapped = "\a\b\f\n\r\t\v\\\"'";
        if (auto k = simple.find(e); k != std::string::npos) {
            out += mapped[k];
            continue;
        }
        size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
        if (digits == 0 || i + digits >= s.size()) return std::nullopt;
        for (size_t k = 1; k <= digits; ++k)
            if (!std::isxdigit(static_cast<unsigned char>(s[i + k]))) return std::nullopt;
        unsigned long v = std::stoul(s.substr(i + 1, digits), nullptr, 16);
        if (e == 'x') out += static_cast<char>(v);
        else goyaml::append_utf8(out, static_cast<char32_t>(v));
        i += digits;
    }
    return std::nullopt;
}

// helm's slog text records: key=value pairs, values Go-quoted where needed.
std::optional<ojson> parse_logfmt(const std::string& line) {
    ojson obj = ojson::object();
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && line[i] == ' ') ++i;
        if (i >= line.size()) break;
        size_t eq = line.find('=', i);
        if (eq == std::string::npos || eq == i || line.find(' ', i) < eq) return std::nullopt;
        std::string key = line.substr(i, eq - i);
        i = eq + 1;
        std::string value;
        if (i < line.size() && line[i] == '"') {
            auto v = go_unquote(line, i);
            if (!v) return std::nullopt;
            value = *v;
        } else {
            size_t end = line.find(' ', i);
            if (end == std::string::npos) end = line.size();
            value = line.substr(i, end - i);
            i = end;
        }
        obj[key] = value;
    }
    if (!obj.contains("level") && !obj.contains("msg")) return std::nullopt;
    return obj;
}

std::string dump(const ojson& j) { return j.dump(-1, ' ', false, ojson::error_handler_t::replace); }

void write_all(int fd, const std::string& s) {
    size_t off = 0;
    while (off < s.size()) {
        ssize_t n = ::write(fd, s.data() + off, s.size() - off);
        if (n <= 0) return;
        off += static_cast<size_t>(n);
    }
}

}  // namespace

std::string json_log_line(const std::string& line) {
    if (!line.empty() && line.front() == '{') {
        auto j = ojson::parse(line, nullptr, false);
        if (j.is_object()) return line;
    }
    if (auto obj = parse_logfmt(line)) return dump(*obj);
    if (line.rfind("WARNING: ", 0) == 0) return dump(ojson{{"level", "WARN"}, {"msg", line.substr(9)}});
    return dump(ojson{{"level", "INFO"}, {"msg", line}});
}

std::unique_ptr<JsonStderr> JsonStderr::start() {
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) return nullptr;
    int original = ::fcntl(2, F_DUPFD_CLOEXEC, 3);
    if (original < 0 || ::dup2(p[1], 2) < 0) {  // dup2 clears close-on-exec: children write into the pipe
        ::close(p[0]);
        ::close(p[1]);
        if (original >= 0) ::close(original);
        return nullptr;
    }
    ::close(p[1]);
    return std::unique_ptr<JsonStderr>(new JsonStderr(original, p[0]));
}

JsonStderr::JsonStderr(int original, int read_end)
    : m_original(original), m_read(read_end), m_thread([this] { pump(); }) {}

JsonStderr::~JsonStderr() { finish(); }

void JsonStderr::pump() {
    std::string pending;
    char buf[4096];
    for (;;) {
        pollfd pfd{m_read, POLLIN, 0};
        int r = ::poll(&pfd, 1, 100);
        if (r == 0) {
            if (m_finishing) break;  // a child that outlived us still holds the pipe: stop waiting for it
            continue;
        }
        ssize_t n = r > 0 ? ::read(m_read, buf, sizeof buf) : -1;
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        pending.append(buf, static_cast<size_t>(n));
        for (size_t nl; (nl = pending.find('\n')) != std::string::npos; pending.erase(0, nl + 1))
            write_all(m_original, json_log_line(pending.substr(0, nl)) + "\n");
    }
    if (!pending.empty()) write_all(m_original, json_log_line(pending) + "\n");
}

void JsonStderr::finish() {
    if (m_finished) return;
    m_finished = true;
    std::cerr.flush();
    std::fflush(stderr);
    ::dup2(m_original, 2);  // closes our write end of the pipe: the reader sees its end
    m_finishing = true;
    if (m_thread.joinable()) m_thread.join();
    ::close(m_read);
    ::close(m_original);
}

}  // namespace cpphelm::app
