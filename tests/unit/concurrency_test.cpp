// The C++ code that runs on more than one thread: the event relay (the shim calls back on its own
// threads while the command replaces the sink), cancellation from another thread, and the JSON
// stderr pump. Plain tests here; tests/tsan/run.sh also runs them under ThreadSanitizer (ctest tsan).
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cpphelm/fake_backend.hpp"
#include "cpphelm/client.hpp"
#include "cpphelm/errors.hpp"
#include "stderr_json.hpp"

using namespace cpphelm;

namespace {

// A sink whose state is not synchronised at all (as ProgressView's is not): only the relay keeps
// deliveries from overlapping each other and the sink's replacement.
struct CountingSink {
    int events = 0;
    int torn = 0;
    EventSink sink() {
        return [this](EventKind, std::string_view data) {
            ++events;
            if (data != "0123456789") ++torn;
        };
    }
};

}  // namespace

TEST_CASE("events from several threads reach one sink each, whole, while the sink is replaced",
          "[concurrency]") {
    FakeBackend fake;
    CountingSink a, b;
    fake.set_event_sink(a.sink());
    constexpr int threads = 4, per_thread = 2000;
    std::vector<std::thread> emitters;
    for (int t = 0; t < threads; ++t)
        emitters.emplace_back([&] {
            for (int i = 0; i < per_thread; ++i) fake.emit(EventKind::Stderr, "0123456789");
        });
    for (int i = 0; i < 500; ++i) fake.set_event_sink(i % 2 ? a.sink() : b.sink());
    for (auto& t : emitters) t.join();
    CHECK(a.events + b.events == threads * per_thread);
    CHECK(a.torn + b.torn == 0);
}

TEST_CASE("a cancel from another thread ends a running operation, which reports it", "[concurrency]") {
    FakeBackend fake;
    CountingSink seen;
    fake.set_event_sink(seen.sink());
    std::atomic<bool> started{false};
    fake.on_invoke([&](const std::string&, FakeCancelToken* token) {
        REQUIRE(token != nullptr);
        started = true;
        while (!token->cancelled()) {
            fake.emit(EventKind::Stderr, "0123456789");
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    });
    BackendReply cancelled;
    cancelled.error_kind = "cancelled";
    cancelled.error_message = "context canceled";
    fake.reply("install", cancelled);
    auto token = fake.new_cancel_token();
    std::thread watcher([&] {
        while (!started) std::this_thread::yield();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        token->cancel();  // what a signal watcher thread does
    });
    BackendReply r = fake.invoke("install", "{}", token.get());
    watcher.join();
    CHECK_FALSE(r.ok);
    CHECK(r.error_kind == "cancelled");
    CHECK(seen.events > 0);
    CHECK(seen.torn == 0);
}

TEST_CASE("a cancelled operation is an Error of kind Cancelled", "[concurrency]") {
    FakeBackend fake;
    BackendReply cancelled;
    cancelled.error_kind = "cancelled";
    cancelled.error_message = "context canceled";
    fake.reply("install", cancelled);
    Client client(fake);
    try {
        client.install(InstallRequest{});
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::Cancelled);
        CHECK(std::string(e.what()) == "context canceled");
    }
}

TEST_CASE("the JSON stderr pump turns lines written by several threads into one object each",
          "[concurrency]") {
    char path[] = "/tmp/cpphelm-jsonstderr-XXXXXX";
    int file = ::mkstemp(path);
    REQUIRE(file >= 0);
    std::fflush(stderr);
    int saved = ::dup(2);
    REQUIRE(::dup2(file, 2) == 2);
    constexpr int threads = 3, per_thread = 300;
    {
        auto json = app::JsonStderr::start();
        REQUIRE(json != nullptr);
        std::atomic<int> short_writes{0};
        std::vector<std::thread> writers;
        for (int t = 0; t < threads; ++t)
            writers.emplace_back([t, &short_writes] {
                for (int i = 0; i < per_thread; ++i) {
                    std::string line =
                        "level=WARN msg=\"thread " + std::to_string(t) + " line " + std::to_string(i) + "\"\n";
                    if (::write(2, line.data(), line.size()) != static_cast<ssize_t>(line.size())) ++short_writes;
                }
            });
        for (auto& w : writers) w.join();
        CHECK(short_writes == 0);
        std::fprintf(stderr, "WARNING: last line without a newline");
        json->finish();
    }
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    ::lseek(file, 0, SEEK_SET);
    std::string text;
    char buf[4096];
    for (ssize_t n; (n = ::read(file, buf, sizeof buf)) > 0;) text.append(buf, static_cast<size_t>(n));
    ::close(file);
    ::unlink(path);
    std::istringstream in(text);
    int lines = 0, warn = 0;
    for (std::string line; std::getline(in, line); ++lines) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        REQUIRE(j.is_object());
        warn += j.value("level", "") == "WARN";
    }
    CHECK(lines == threads * per_thread + 1);
    CHECK(warn == threads * per_thread + 1);
}
