#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cpphelm/fake_backend.hpp"
#include "cpphelm/client.hpp"
#include "cpphelm/errors.hpp"

using namespace cpphelm;

TEST_CASE("render_template sends the whole request and returns stdout") {
    FakeBackend fake;
    BackendReply ok;
    ok.ok = true;
    ok.stdout_bytes = "---\nkind: X\n";
    fake.reply("template", ok);
    Client client(fake);
    TemplateRequest req;
    req.args = {"./chart"};
    req.values.values = {"a=1"};
    req.install.labels = {{"k", "v"}};
    CHECK(client.render_template(req).stdout_bytes == "---\nkind: X\n");
    REQUIRE(fake.calls().size() == 1);
    auto j = nlohmann::json::parse(fake.calls()[0].request_json);
    CHECK(j["args"][0] == "./chart");
    CHECK(j["values"]["values"][0] == "a=1");
    CHECK(j["install"]["labels"]["k"] == "v");
    CHECK(j["install"]["timeout"] == "5m0s");
    CHECK(j["dry_run"] == "client");
    CHECK(j["settings"].contains("namespace"));
}

TEST_CASE("a failed operation throws its message, kind and partial output") {
    FakeBackend fake;
    BackendReply bad;
    bad.error_kind = "internal";
    bad.error_message = "boom";
    bad.stdout_bytes = "partial";
    fake.reply("template", bad);
    Client client(fake);
    try {
        client.render_template(TemplateRequest{});
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) == "boom");
        CHECK(e.kind() == ErrorKind::Internal);
        CHECK(e.partial_stdout() == "partial");
        CHECK(e.exit_code() == 1);
    }
}

namespace {

BackendReply printed(std::string out) {
    BackendReply r;
    r.ok = true;
    r.stdout_bytes = std::move(out);
    return r;
}

}  // namespace

TEST_CASE("list_releases asks for helm's JSON and decodes it (revisions are strings there)") {
    FakeBackend fake;
    fake.reply("list", printed(R"([{"name":"a","namespace":"ns1","revision":"12","updated":"2026-01-03 10:01:00 +0000 UTC",)"
                               R"("status":"deployed","chart":"demo-1.0.0","app_version":"1.0"},)"
                               R"({"name":"b","namespace":"ns2","revision":"x","updated":"-","status":"failed",)"
                               R"("chart":"MISSING","app_version":""}])"));
    Client client(fake);
    ListRequest req;
    req.output = "yaml";
    req.short_ = true;
    auto rs = client.list_releases(req);
    auto sent = nlohmann::json::parse(fake.calls().at(0).request_json);
    CHECK(sent["output"] == "json");
    CHECK(sent["short"] == false);
    REQUIRE(rs.size() == 2);
    CHECK(rs[0].name == "a");
    CHECK(rs[0].namespace_ == "ns1");
    CHECK(rs[0].revision == 12);
    CHECK(rs[0].status == "deployed");
    CHECK(rs[0].chart == "demo-1.0.0");
    CHECK(rs[0].app_version == "1.0");
    CHECK(rs[1].revision == 0);  // not a number: 0, not an exception
    CHECK(rs[1].updated == "-");
}

TEST_CASE("release_status decodes helm's release JSON; values come back as JSON") {
    FakeBackend fake;
    fake.reply("status", printed(R"({"name":"web","info":{"first_deployed":"2026-01-03T10:00:00Z","status":"deployed",)"
                                 R"("description":"Upgrade complete","notes":"hi"},"chart":{"metadata":{"name":"demo",)"
                                 R"("version":"1.1.0","appVersion":"1.1"}},"manifest":"---\n","version":3,"namespace":"default"})"));
    fake.reply("get", printed(R"({"image":{"tag":"v2"},"replicas":2})"));
    Client client(fake);
    auto s = client.release_status(StatusRequest{});
    CHECK(s.name == "web");
    CHECK(s.revision == 3);
    CHECK(s.status == "deployed");
    CHECK(s.notes == "hi");
    CHECK(s.last_deployed.empty());
    auto v = client.release_values(GetRequest{});
    CHECK(v["replicas"] == 2);
    auto sent = nlohmann::json::parse(fake.calls().at(1).request_json);
    CHECK(sent["what"] == "values");
    CHECK(sent["output"] == "json");
    fake.reply("get", printed(R"({"name":"web","chart":"demo","version":"1.0.0","appVersion":"1.0","annotations":)"
                              R"({"a":"b"},"namespace":"default","revision":3,"status":"deployed","deployedAt":"x"})"));
    auto m = client.release_metadata(GetRequest{});
    CHECK(m.chart == "demo");
    CHECK(m.version == "1.0.0");
    CHECK(m.app_version == "1.0");
    CHECK(m.revision == 3);
    CHECK(m.annotations.at("a") == "b");
    sent = nlohmann::json::parse(fake.calls().at(2).request_json);
    CHECK(sent["what"] == "metadata");
    CHECK(sent["output"] == "json");
}

TEST_CASE("typed results refuse output that is not the JSON they expect") {
    FakeBackend fake;
    fake.reply("history", printed("REVISION\tUPDATED\n"));
    fake.reply("search.repo", printed(R"({"not":"an array"})"));
    Client client(fake);
    CHECK_THROWS_AS(client.release_history(HistoryRequest{}), Error);
    CHECK_THROWS_AS(client.search_charts(SearchRepoRequest{}), Error);
}

TEST_CASE("a long operation's cancel token reaches the backend") {
    FakeBackend fake;
    FakeCancelToken* seen = nullptr;
    fake.on_invoke([&](const std::string&, FakeCancelToken* t) { seen = t; });
    Client client(fake);
    auto token = fake.new_cancel_token();
    client.upgrade(UpgradeRequest{}, token.get());
    CHECK(seen == token.get());
    client.install(InstallRequest{});
    CHECK(seen == nullptr);
}
