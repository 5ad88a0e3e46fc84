#include "cpphelm/client.hpp"

#include "core/codec.hpp"
#include "cpphelm/errors.hpp"

namespace cpphelm {

namespace {

ErrorKind kind_of(const std::string& k) {
    if (k == "cancelled") return ErrorKind::Cancelled;
    if (k == "internal") return ErrorKind::Internal;
    return ErrorKind::Failed;
}

}  // namespace

BackendReply Client::call(std::string_view op, const std::string& request_json, CancelToken* cancel) {
    BackendReply r = m_backend.invoke(op, request_json, cancel);
    if (!r.ok)
        throw Error(kind_of(r.error_kind), r.error_message, r.error_exit_code)
            .with_stdout(std::move(r.stdout_bytes))
            .with_details(r.error_kind, std::move(r.error_details));
    return r;
}

template <class Request>
Printed Client::printing(std::string_view op, const Request& req, CancelToken* cancel) {
    return Printed{call(op, nlohmann::json(req).dump(), cancel).stdout_bytes};
}

template <class Request>
nlohmann::json Client::printed_json(std::string_view op, const Request& req) {
    auto j = nlohmann::json::parse(printing(op, req).stdout_bytes, nullptr, false);
    if (j.is_discarded()) throw Error(ErrorKind::Internal, "the " + std::string(op) + " operation printed no JSON");
    return j;
}

std::vector<ReleaseSummary> Client::list_releases(ListRequest req) {
    req.output = "json";
    req.short_ = false;
    req.time_format.clear();
    return releases_from_json(printed_json("list", req));
}

std::vector<RevisionSummary> Client::release_history(HistoryRequest req) {
    req.output = "json";
    return revisions_from_json(printed_json("history", req));
}

ReleaseStatus Client::release_status(StatusRequest req) {
    req.output = "json";
    return status_from_json(printed_json("status", req));
}

ReleaseMetadata Client::release_metadata(GetRequest req) {
    req.what = "metadata";
    req.output = "json";
    return metadata_from_json(printed_json("get", req));
}

nlohmann::json Client::release_values(GetRequest req) {
    req.what = "values";
    req.output = "json";
    return printed_json("get", req);
}

std::vector<ChartHit> Client::search_charts(SearchRepoRequest req) {
    req.search.output = "json";
    return chart_hits_from_json(printed_json("search.repo", req));
}

template <class Request>
std::vector<std::string> Client::lines(std::string_view op, const Request& req) {
    return nlohmann::json::parse(call(op, nlohmann::json(req).dump()).result_json).get<std::vector<std::string>>();
}

template <class Request>
Completion Client::completion(std::string_view op, const Request& req) {
    auto j = nlohmann::json::parse(call(op, nlohmann::json(req).dump()).result_json);
    Completion c;
    if (j.at("lines").is_array()) c.lines = j.at("lines").get<std::vector<std::string>>();
    c.directive = j.at("directive").get<int>();
    return c;
}

Printed Client::render_template(const TemplateRequest& req, CancelToken* cancel) { return printing("template", req, cancel); }
Printed Client::create(const CreateRequest& req) { return printing("create", req); }
Printed Client::lint(const LintRequest& req) { return printing("lint", req); }
Printed Client::show(const ShowRequest& req) { return printing("show", req); }
Printed Client::package(const PackageRequest& req) { return printing("package", req); }
Printed Client::dependency(const DependencyRequest& req, CancelToken* cancel) { return printing("dependency", req, cancel); }
Printed Client::install(const InstallRequest& req, CancelToken* cancel) { return printing("install", req, cancel); }
Printed Client::upgrade(const UpgradeRequest& req, CancelToken* cancel) { return printing("upgrade", req, cancel); }
Printed Client::rollback(const RollbackRequest& req, CancelToken* cancel) { return printing("rollback", req, cancel); }
Printed Client::uninstall(const UninstallRequest& req, CancelToken* cancel) { return printing("uninstall", req, cancel); }
Printed Client::unlock(const UnlockRequest& req) { return printing("unlock", req); }
Printed Client::diff_upgrade(const DiffUpgradeRequest& req) { return printing("diff.upgrade", req); }
Printed Client::diff_revision(const DiffRevisionRequest& req) { return printing("diff.revision", req); }
Printed Client::diff_rollback(const DiffRevisionRequest& req) { return printing("diff.rollback", req); }
Printed Client::diff_release(const DiffReleaseRequest& req) { return printing("diff.release", req); }
void Client::check_registry_config(const RegistryCheckRequest& req) { call("registry.check", nlohmann::json(req).dump()); }
Printed Client::list(const ListRequest& req) { return printing("list", req); }
Printed Client::status(const StatusRequest& req) { return printing("status", req); }
Printed Client::history(const HistoryRequest& req) { return printing("history", req); }
Printed Client::get(const GetRequest& req) { return printing("get", req); }
Printed Client::release_test(const ReleaseTestRequest& req, CancelToken* cancel) { return printing("test", req, cancel); }
std::vector<std::string> Client::complete_releases(const CompleteReleasesRequest& req) { return lines("complete.releases", req); }

std::vector<std::string> Client::complete_revisions(const CompleteRevisionsRequest& req) { return lines("complete.revisions", req); }


Completion Client::complete_charts(const CompleteChartsRequest& req) { return completion("complete.charts", req); }
Completion Client::complete_kube(const CompleteKubeRequest& req) { return completion("complete.kube", req); }

std::vector<std::string> Client::complete_repos(const CompleteReposRequest& req) { return lines("complete.repos", req); }

std::vector<std::string> Client::complete_versions(const CompleteVersionsRequest& req) { return lines("complete.versions", req); }

Printed Client::plugin_list(const PluginListRequest& req) { return printing("plugin.list", req); }
Printed Client::plugin_install(const PluginInstallRequest& req) { return printing("plugin.install", req); }
Printed Client::plugin_uninstall(const PluginNamesRequest& req) { return printing("plugin.uninstall", req); }
Printed Client::plugin_update(const PluginNamesRequest& req) { return printing("plugin.update", req); }
Printed Client::plugin_package(const PluginPackageRequest& req) { return printing("plugin.package", req); }
Printed Client::plugin_verify(const PluginVerifyRequest& req) { return printing("plugin.verify", req); }

namespace {

std::vector<std::string> strings_of(const nlohmann::json& j) {
    return j.is_array() ? j.get<std::vector<std::string>>() : std::vector<std::string>{};
}

PluginCompletionTree completion_tree(const nlohmann::json& j) {
    PluginCompletionTree t;
    t.name = j.value("name", "");
    t.valid_args = strings_of(j.value("validArgs", nlohmann::json()));
    t.flags = strings_of(j.value("flags", nlohmann::json()));
    if (auto it = j.find("commands"); it != j.end() && it->is_array()) {
        t.has_commands = true;
        for (const auto& c : *it) t.commands.push_back(completion_tree(c));
    }
    return t;
}

}  // namespace

std::vector<PluginCommand> Client::plugin_commands(const PluginCommandsRequest& req) {
    std::vector<PluginCommand> out;
    for (const auto& p : nlohmann::json::parse(call("plugin.commands", nlohmann::json(req).dump()).result_json)) {
        out.push_back({p.at("name"), p.value("plugin_name", std::string()), p.at("use"), p.at("short"), p.at("long"),
                       std::nullopt});
        if (p.at("completion").is_object()) out.back().completion = completion_tree(p.at("completion"));
    }
    return out;
}

Completion Client::plugin_complete(const PluginCompleteRequest& req) { return completion("plugin.complete", req); }

void Client::run_plugin(const PluginRunRequest& req) { call("plugin.run", nlohmann::json(req).dump()); }

void Client::write_docs(const DocsWriteRequest& req) { call("docs.write", nlohmann::json(req).dump()); }

Printed Client::repo_list(const RepoListRequest& req) { return printing("repo.list", req); }
Printed Client::repo_remove(const RepoRemoveRequest& req) { return printing("repo.remove", req); }
Printed Client::repo_index(const RepoIndexRequest& req) { return printing("repo.index", req); }
Printed Client::repo_add(const RepoAddRequest& req) { return printing("repo.add", req); }
Printed Client::repo_update(const RepoUpdateRequest& req, CancelToken* cancel) { return printing("repo.update", req, cancel); }
Printed Client::search_repo(const SearchRepoRequest& req) { return printing("search.repo", req); }
Printed Client::search_hub(const SearchHubRequest& req) { return printing("search.hub", req); }
Printed Client::pull(const PullRequest& req, CancelToken* cancel) { return printing("pull", req, cancel); }
Printed Client::push(const PushRequest& req, CancelToken* cancel) { return printing("push", req, cancel); }
Printed Client::registry_login(const RegistryLoginRequest& req) { return printing("registry.login", req); }
Printed Client::registry_logout(const RegistryLogoutRequest& req) { return printing("registry.logout", req); }
Printed Client::verify(const VerifyRequest& req) { return printing("verify", req); }

Printed Client::render_version(const VersionRequest& req) { return printing("version", req); }

void Client::check_driver(const DriverCheckRequest& req) { call("driver.check", nlohmann::json(req).dump()); }

std::string Client::effective_namespace(const GlobalSettings& settings) {
    auto r = call("namespace", nlohmann::json(NamespaceRequest{settings}).dump());
    return nlohmann::json::parse(r.result_json).get<std::string>();
}

}  // namespace cpphelm
