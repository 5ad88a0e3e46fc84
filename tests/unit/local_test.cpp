#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/repo_file.hpp"
#include "cpphelm/local.hpp"

using namespace cpphelm;
namespace fs = std::filesystem;

namespace {

// A fresh directory, removed when the test ends.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string templ = (fs::temp_directory_path() / "cpphelm-local-XXXXXX").string();
        REQUIRE(::mkdtemp(templ.data()));
        path = templ;
    }
    ~TempDir() { fs::remove_all(path); }
    void write(const std::string& rel, const std::string& text) const {
        fs::create_directories((path / rel).parent_path());
        std::ofstream(path / rel) << text;
    }
};

const char* const kHelmWritten =
    "apiVersion: \"\"\ngenerated: \"0001-01-01T00:00:00Z\"\nrepositories:\n- caFile: \"\"\n  certFile: \"\"\n"
    "  insecure_skip_tls_verify: false\n  keyFile: \"\"\n  name: stable\n  pass_credentials_all: false\n"
    "  password: \"\"\n  url: https://charts.example.com/stable\n  username: \"\"\n- name: \"1.10\"\n  url: a<b>&c\n";

}  // namespace

TEST_CASE("decode_repo_file reads what repo.LoadFile reads") {
    auto f = decode_repo_file(kHelmWritten);
    REQUIRE(f);
    CHECK_FALSE(f->load_error);
    REQUIRE(f->repositories.size() == 2);
    CHECK(f->repositories[0].name == "stable");
    CHECK(f->repositories[1].name == "1.10");
    CHECK(f->repositories[1].url == "a<b>&c");
    auto words = decode_repo_file("repositories:\n- name: yes\n  url: ~\n- name: 2024-01-02\n  url:\n");
    REQUIRE(words);
    CHECK(words->repositories[0].name == "true");
    CHECK(words->repositories[0].url.empty());
    CHECK(words->repositories[1].name == "2024-01-02");
    auto typed = decode_repo_file("repositories:\n- name: a\n  insecure_skip_tls_verify: \"true\"\n  caFile:\n  - x\n");
    REQUIRE(typed);
    CHECK(typed->load_error);  // a type error: listed, but no completion
    CHECK(typed->repositories.size() == 1);
    auto empty = decode_repo_file("");
    REQUIRE(empty);
    CHECK(empty->repositories.empty());
    CHECK_FALSE(empty->load_error);
}

TEST_CASE("decode_repo_file leaves to helm what only its decoder knows") {
    for (const char* t : {"repositories:\n- name: 1.10\n", "repositories:\n- ~\n", "repositories:\n- x\n", "repositories: x\n",
                          "generated: yesterday\n", "generated: \"2024-01-01\"\n", "Repositories: []\n",
                          "repositories:\n- NAME: a\n", "other: .nan\n", "repositories:\n- x: [.inf]\n", "[]\n",
                          "repositories:\n- insecure_skip_tls_verify: -.inf\n", "generated: {}\n"})
        CHECK_FALSE(decode_repo_file(t));
}

TEST_CASE("repo list and repository completion answer from the file") {
    TempDir d;
    d.write("repos.yaml", kHelmWritten);
    RepoListRequest req;
    req.settings.repository_config = (d.path / "repos.yaml").string();
    auto table = local::repo_list(req);
    REQUIRE(table);
    CHECK(table->stdout_bytes ==
          "NAME  \tURL                              \nstable\thttps://charts.example.com/stable\n1.10  \ta<b>&c                           \n");
    req.output = "json";
    CHECK(local::repo_list(req)->stdout_bytes ==
          "[{\"name\":\"stable\",\"url\":\"https://charts.example.com/stable\"},{\"name\":\"1.10\",\"url\":\"a\\u003cb\\u003e\\u0026c\"}]\n");
    req.output = "yaml";
    CHECK(local::repo_list(req)->stdout_bytes ==
          "- name: stable\n  url: https://charts.example.com/stable\n- name: \"1.10\"\n  url: a<b>&c\n");
    CompleteReposRequest c{req.settings, {"stable"}};
    CHECK(*local::complete_repos(c) == std::vector<std::string>{"1.10\ta<b>&c"});

    req.settings.repository_config = (d.path / "missing.yaml").string();
    req.output = "table";
    CHECK(local::repo_list(req)->stderr_bytes == "no repositories to show\n");
    req.output = "yaml";
    CHECK(local::repo_list(req)->stdout_bytes == "[]\n");
    req.settings.repository_config = d.path.string();  // a directory: unreadable, as a missing file
    req.output = "json";
    CHECK(local::repo_list(req)->stdout_bytes == "[]\n");
    d.write("odd.yaml", "repositories: [{name: a}]\n");
    req.settings.repository_config = (d.path / "odd.yaml").string();
    CHECK_FALSE(local::repo_list(req));
}

TEST_CASE("effective_namespace decides without client-go only when no kubeconfig is read") {
    TempDir d;
    std::string home = (d.path / "home").string();
    fs::create_directories(home);
    GlobalSettings s;
    auto env = [&](std::map<std::string, std::string> vars) {
        vars["HOME"] = home;
        return map_env(vars);
    };
    CHECK(*local::effective_namespace(s, env({})) == "default");
    CHECK(*local::effective_namespace(s, env({{"KUBECONFIG", d.path.string() + "/a:" + d.path.string() + "/b"}})) == "default");
    s.kubeconfig = (d.path / "missing").string();
    CHECK(*local::effective_namespace(s, env({})) == "default");
    d.write("kubeconfig", "apiVersion: v1\n");
    s.kubeconfig = (d.path / "kubeconfig").string();
    CHECK_FALSE(local::effective_namespace(s, env({})));
    s.namespace_ = "given";
    CHECK(*local::effective_namespace(s, env({})) == "given");
    s = GlobalSettings{};
    CHECK_FALSE(local::effective_namespace(s, env({{"KUBECONFIG", (d.path / "kubeconfig").string()}})));
    d.write("home/.kube/.kubeconfig", "apiVersion: v1\n");  // client-go would move it to ~/.kube/config
    CHECK_FALSE(local::namespace_lookup_writes_nothing(env({})));
    s.namespace_ = "given";
    CHECK_FALSE(local::effective_namespace(s, env({})));
    d.write("home/.kube/config", "apiVersion: v1\n");
    CHECK(local::namespace_lookup_writes_nothing(env({})));
    s.namespace_.clear();
    CHECK_FALSE(local::effective_namespace(s, env({})));
}

TEST_CASE("version answers default, --short and simple templates") {
    VersionRequest req;
    req.cpphelm_version = "v9.8.7";
    auto info = local::build_info(req);
    if (!info) return;  // a build without the shim records no shim versions
    CHECK(*local::version(req) == "version.BuildInfo{Version:\"v9.8.7\", GitCommit:\"\", GitTreeState:\"\", GoVersion:\"" +
                                      info->go_version + "\", KubeClientVersion:\"" + info->kube_client_version +
                                      "\", HelmVersion:\"" + info->helm_version + "\"}\n");
    req.short_ = true;
    CHECK(*local::version(req) == "v9.8.7\n");
    req.git_commit = "0123456789abcdef";
    CHECK(*local::version(req) == "v9.8.7+g0123456\n");
    req.template_ = "{{.Version}} }} {{.HelmVersion}}";
    CHECK(*local::version(req) == "v9.8.7 }} " + info->helm_version);
    for (const char* t : {"{{ .Version }}", "{{.Nope}}", "{{.Version", "{{-.Version}}", "{{}}", "{{printf \"x\"}}"}) {
        req.template_ = t;
        CHECK_FALSE(local::version(req));
    }
}

TEST_CASE("plugin list answers helm's header when no directory holds a plugin") {
    TempDir d;
    PluginListRequest req;
    req.settings.plugins_directory = (d.path / "missing").string() + ":" + d.path.string();
    d.write("notaplugin/README.md", "x");
    CHECK(*local::plugin_list(req) == "NAME\tVERSION\tTYPE\tAPIVERSION\tPROVENANCE\tSOURCE\n");
    d.write("one/plugin.yaml", "name: one\n");
    CHECK_FALSE(local::plugin_list(req));
    req.settings.plugins_directory = (d.path / "[x").string();
    CHECK_FALSE(local::plugin_list(req));
    req.settings.plugins_directory = (d.path / "missing").string();
    req.settings.debug = true;
    CHECK_FALSE(local::plugin_list(req));
}
