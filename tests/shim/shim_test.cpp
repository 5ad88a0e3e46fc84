// Tests of the boundary itself, against the real Go shim: every request type round-trips through Go
// with unknown fields rejected, the two sides declare the same fields, and a Go panic becomes an error.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cpphelm/go_backend.hpp"
#include "core/codec.hpp"
#include "cpphelm/errors.hpp"
#include "report.hpp"

using namespace cpphelm;
using nlohmann::json;

namespace {

GoBackend& backend() {
    static GoBackend b;
    return b;
}

// Every request type, by the name the shim knows it under, as C++ encodes a default one.
std::map<std::string, json> cpp_requests() {
    return {{"TemplateRequest", TemplateRequest{}}, {"VersionRequest", VersionRequest{}},
            {"NamespaceRequest", NamespaceRequest{}}, {"CreateRequest", CreateRequest{}},
            {"LintRequest", LintRequest{}},         {"ShowRequest", ShowRequest{}},
            {"PackageRequest", PackageRequest{}},   {"DependencyRequest", DependencyRequest{}},
            {"DriverCheckRequest", DriverCheckRequest{}}, {"InstallRequest", InstallRequest{}},
            {"UpgradeRequest", UpgradeRequest{}},         {"RollbackRequest", RollbackRequest{}},
            {"UninstallRequest", UninstallRequest{}},     {"ListRequest", ListRequest{}},
            {"StatusRequest", StatusRequest{}},           {"HistoryRequest", HistoryRequest{}},
            {"GetRequest", GetRequest{}},                 {"ReleaseTestRequest", ReleaseTestRequest{}},
            {"RepoListRequest", RepoListRequest{}},       {"RepoRemoveRequest", RepoRemoveRequest{}},
            {"RepoIndexRequest", RepoIndexRequest{}},     {"CompleteReleasesRequest", CompleteReleasesRequest{}},
            {"CompleteRevisionsRequest", CompleteRevisionsRequest{}},
            {"CompleteChartsRequest", CompleteChartsRequest{}}, {"CompleteReposRequest", CompleteReposRequest{}},
            {"PluginListRequest", PluginListRequest{}}, {"PluginInstallRequest", PluginInstallRequest{}},
            {"PluginNamesRequest", PluginNamesRequest{}}, {"PluginRunRequest", PluginRunRequest{}},
            {"PluginCommandsRequest", PluginCommandsRequest{}}, {"PluginPackageRequest", PluginPackageRequest{}},
            {"PluginVerifyRequest", PluginVerifyRequest{}}, {"PluginCompleteRequest", PluginCompleteRequest{}},
            {"DocsWriteRequest", DocsWriteRequest{{}, "man", "HELM", "1", {DocsPage{"helm.1", "# NAME\n"}}}},
            {"CompleteVersionsRequest", CompleteVersionsRequest{}}, {"RepoAddRequest", RepoAddRequest{}},
            {"RepoUpdateRequest", RepoUpdateRequest{}},   {"SearchRepoRequest", SearchRepoRequest{}},
            {"SearchHubRequest", SearchHubRequest{}},     {"PullRequest", PullRequest{}},
            {"PushRequest", PushRequest{}},               {"RegistryLoginRequest", RegistryLoginRequest{}},
            {"RegistryLogoutRequest", RegistryLogoutRequest{}}, {"VerifyRequest", VerifyRequest{}},
            {"CompleteKubeRequest", CompleteKubeRequest{}}, {"UnlockRequest", UnlockRequest{}},
            {"DiffUpgradeRequest", DiffUpgradeRequest{}}, {"DiffRevisionRequest", DiffRevisionRequest{}},
            {"DiffReleaseRequest", DiffReleaseRequest{}},
            {"RegistryCheckRequest", RegistryCheckRequest{}}};
}

// Compares the field names of two encodings, recursing into nested structs.
void same_fields(const json& cpp, const json& go, const std::string& where) {
    for (auto it = go.begin(); it != go.end(); ++it) {
        INFO(where << "." << it.key());
        CHECK(cpp.contains(it.key()));  // a Go field C++ never sets
    }
    for (auto it = cpp.begin(); it != cpp.end(); ++it) {
        INFO(where << "." << it.key());
        REQUIRE(go.contains(it.key()));  // a C++ field Go does not know
        if (it->is_object() && go[it.key()].is_object() && !go[it.key()].empty())
            same_fields(*it, go[it.key()], where + "." + it.key());
    }
}

}  // namespace

TEST_CASE("every request type round-trips through Go strictly") {
    auto reqs = cpp_requests();
    auto types = backend().invoke("test.types", "{}");
    REQUIRE(types.ok);
    auto go = json::parse(types.result_json);
    CHECK(go.size() == reqs.size());  // the shim knows no request type C++ lacks
    for (auto& [name, encoded] : reqs) {
        INFO(name);
        REQUIRE(go.contains(name));
        same_fields(encoded, go[name], name);
        auto reply = backend().invoke("test.echo", json{{"type", name}, {"payload", encoded}}.dump());
        CHECK(reply.ok);
        CHECK(reply.error_message.empty());
        json bad = encoded;
        bad["no_such_field"] = 1;
        auto rejected = backend().invoke("test.echo", json{{"type", name}, {"payload", bad}}.dump());
        CHECK_FALSE(rejected.ok);
        CHECK(rejected.error_message.find("unknown field \"no_such_field\"") != std::string::npos);
    }
}

TEST_CASE("a Go panic becomes Error: … and exit code 1, not a crash") {
    auto reply = backend().invoke("test.panic", "{}");
    REQUIRE_FALSE(reply.ok);
    CHECK(reply.error_kind == "internal");
    std::ostringstream out, err;
    int code = app::report(std::make_exception_ptr(Error(ErrorKind::Internal, reply.error_message)), out, err);
    CHECK(code == 1);
    CHECK(err.str().rfind("Error: internal error: deliberate panic from the shim's test op", 0) == 0);
    // The process is still alive and the shim still answers.
    CHECK(backend().invoke("test.types", "{}").ok);
}

TEST_CASE("an unknown operation is an internal error") {
    auto reply = backend().invoke("no.such.op", "{}");
    CHECK_FALSE(reply.ok);
    CHECK(reply.error_message == "unknown operation \"no.such.op\"");
}

TEST_CASE("events stream to the sink in order") {
    std::vector<std::string> seen;
    backend().set_event_sink([&](EventKind k, std::string_view d) {
        if (k == EventKind::Stderr) seen.emplace_back(d);
    });
    auto reply = backend().invoke("test.events", "{}");
    backend().set_event_sink(nullptr);
    REQUIRE(reply.ok);
    REQUIRE(seen.size() == 2);
    CHECK(seen[0] == "one\n");
    CHECK(seen[1] == "two\n");
}

TEST_CASE("cancellation reaches the operation's context") {
    auto token = backend().new_cancel_token();
    token->cancel();
    auto reply = backend().invoke("test.wait", "{}", token.get());
    CHECK_FALSE(reply.ok);
    CHECK(reply.error_kind == "cancelled");
}
