// cpphelm's operations additions without Go: the error sink's hint and JSON line, stderr's JSON
// records, the progress view, and the kinds and details a shim error carries into cpphelm::Error.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cpphelm/fake_backend.hpp"
#include "cpphelm/client.hpp"
#include "cpphelm/errors.hpp"
#include "progress.hpp"
#include "report.hpp"
#include "stderr_json.hpp"

using namespace cpphelm;

namespace {

const char* kPendingDetails =
    R"({"release":"web","namespace":"prod","revision":3,)"
    R"("pending":{"status":"pending-upgrade","revision":3,"since":"2026-12-04T10:00:00Z","for_seconds":3723}})";

Error upgrade_refused() {
    FakeBackend fake;
    BackendReply r;
    r.error_kind = "conflict";
    r.error_message = "UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress";
    r.error_details = kPendingDetails;
    fake.reply("upgrade", r);
    try {
        Client(fake).upgrade(UpgradeRequest{});
    } catch (const Error& e) {
        return e;
    }
    FAIL("upgrade did not throw");
    return failed("");
}

}  // namespace

TEST_CASE("a shim error keeps its kind and details") {
    Error e = upgrade_refused();
    CHECK(e.kind() == ErrorKind::Failed);
    CHECK(e.kind_name() == "conflict");
    CHECK(nlohmann::json::parse(e.details_json())["pending"]["revision"] == 3);
    CHECK(usage_error("x").kind_name() == "usage");
    CHECK(failed("x").kind_name() == "invalid");
}

TEST_CASE("text errors: helm's line, then the unlock hint") {
    std::ostringstream out, err;
    app::ReportStyle style;
    style.scope_flags = {"--kube-context ci"};
    int rc = app::report(std::make_exception_ptr(upgrade_refused()), out, err, style);
    CHECK(rc == 1);
    CHECK(err.str() ==
          "Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress\n"
          "hint: release \"web\" has been pending-upgrade since 2026-12-04T10:00:00Z (revision 3, 1h2m3s ago).\n"
          "hint: if no helm or cpphelm operation is running on it, mark that revision failed with:\n"
          "hint:   cpphelm unlock web --namespace prod --kube-context ci\n");
}

TEST_CASE("text errors: the resources a wait left not ready") {
    Error e = failed("INSTALLATION FAILED: context deadline exceeded");
    e.with_details("timeout", R"({"resources":[{"resource":"Deployment/web","state":"InProgress",)"
                              R"("message":"Available: 0/1","causes":["Pod web-1: Unschedulable: no nodes"]}]})");
    std::ostringstream out, err;
    app::report(std::make_exception_ptr(e), out, err);
    CHECK(err.str() == "Error: INSTALLATION FAILED: context deadline exceeded\n"
                       "not ready: Deployment/web (InProgress: Available: 0/1)\n"
                       "not ready:   Pod web-1: Unschedulable: no nodes\n");
}

TEST_CASE("JSON errors: one object with kind, exit code, details and the hint") {
    std::ostringstream out, err;
    app::ReportStyle style;
    style.json = true;
    app::report(std::make_exception_ptr(upgrade_refused()), out, err, style);
    std::string line = err.str();
    REQUIRE(line.back() == '\n');
    CHECK(line.find('\n') == line.size() - 1);
    auto j = nlohmann::json::parse(line)["error"];
    CHECK(j["kind"] == "conflict");
    CHECK(j["exit_code"] == 1);
    CHECK(j["release"] == "web");
    CHECK(j["hint"] == "cpphelm unlock web --namespace prod");
    CHECK(line.rfind(R"({"error":{"message":)", 0) == 0);  // message first, as documented
    std::ostringstream o2, e2;
    app::report(std::make_exception_ptr(usage_error("unknown flag: --x")), o2, e2, style);
    CHECK(nlohmann::json::parse(e2.str())["error"]["kind"] == "usage");
}

TEST_CASE("stderr lines become JSON records") {
    using app::json_log_line;
    auto rec = nlohmann::json::parse(json_log_line(
        R"(level=WARN msg="upgrade failed" name=web error="resource not ready\ncontext \"deadline\" exceeded")"));
    CHECK(rec["level"] == "WARN");
    CHECK(rec["msg"] == "upgrade failed");
    CHECK(rec["name"] == "web");
    CHECK(rec["error"] == "resource not ready\ncontext \"deadline\" exceeded");
    CHECK(nlohmann::json::parse(json_log_line("WARNING: config is group-readable"))["level"] == "WARN");
    auto plain = nlohmann::json::parse(json_log_line("Release \"x\" has been cancelled. ok=\"unterminated"));
    CHECK(plain["msg"] == "Release \"x\" has been cancelled. ok=\"unterminated");
    CHECK(json_log_line(R"({"error":{"message":"m"}})") == R"({"error":{"message":"m"}})");
    CHECK(nlohmann::json::parse(json_log_line("bad \xff byte"))["level"] == "INFO");
    CHECK(nlohmann::json::parse(json_log_line(R"(level=INFO msg="caf\u00e9 \x41")"))["msg"] == "caf\xc3\xa9 A");
}

TEST_CASE("plain progress prints what changed") {
    app::ProgressView v(false);
    auto snap = [](double t, const char* state, const char* msg) {
        return nlohmann::json{{"phase", "wait"},
                              {"elapsed", t},
                              {"resources",
                               {{{"resource", "ConfigMap/c"}, {"state", "Current"}},
                                {{"resource", "Deployment/web"}, {"state", state}, {"message", msg}}}}}
            .dump();
    };
    CHECK(v.on_snapshot(snap(0.2, "InProgress", "Available: 0/1")) ==
          "[   0s] wait ConfigMap/c: Current\n[   0s] wait Deployment/web: InProgress - Available: 0/1\n");
    CHECK(v.on_snapshot(snap(1.2, "InProgress", "Available: 0/1")).empty());
    CHECK(v.on_snapshot(snap(12.7, "Current", "Available: 1/1")) == "[  12s] wait Deployment/web: Current - Available: 1/1\n");
    CHECK(v.on_snapshot("not json").empty());
    CHECK(v.on_text("level=WARN msg=x\n") == "level=WARN msg=x\n");
}

TEST_CASE("live progress redraws its table in place") {
    app::ProgressView v(true);
    std::string snap = nlohmann::json{{"phase", "hook"},
                                      {"elapsed", 3.0},
                                      {"resources", {{{"resource", "Job/pre"}, {"state", "InProgress"}}}}}
                           .dump();
    std::string first = v.on_snapshot(snap);
    CHECK(first == "cpphelm: waiting for hook 1 resources (3s, 0 ready)\n  Job/pre  InProgress   \n");
    std::string second = v.on_snapshot(snap);
    CHECK(second.rfind("\x1b[2F\x1b[J", 0) == 0);  // back over the two lines drawn, cleared
    CHECK(v.on_text("log line\n") == "\x1b[2F\x1b[Jlog line\n" + first);
}
