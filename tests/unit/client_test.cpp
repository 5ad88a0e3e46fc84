#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "backend/fake_backend.hpp"
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
