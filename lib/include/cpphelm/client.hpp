#pragma once

#include <string>
#include <vector>

#include "cpphelm/backend.hpp"
#include "cpphelm/diff_requests.hpp"
#include "cpphelm/requests.hpp"
#include "cpphelm/results.hpp"

namespace cpphelm {

// The C++ SDK: one method per operation; throws cpphelm::Error on failure. Every request carries the
// global settings helm's environment gives (GlobalSettings::from_env(process_env())) or the program's.
//
//     cpphelm::GoBackend backend;
//     cpphelm::Client client(backend);
//     cpphelm::ListRequest req;
//     req.settings = cpphelm::GlobalSettings::from_env(cpphelm::process_env());
//     for (const auto& r : client.list_releases(req)) std::cout << r.name << "\n";
//
// Long operations take an optional CancelToken (backend.new_cancel_token()): cancel() from any
// thread ends them as helm ends a cancelled context.
class Client {
public:
    explicit Client(Backend& backend) : m_backend(backend) {}

    // ---- typed results (the request's output format is chosen for them) ----

    // The releases `helm list` shows (the current namespace unless req.all_namespaces).
    std::vector<ReleaseSummary> list_releases(ListRequest req);
    // A release's revisions, oldest first, as `helm history` shows them.
    std::vector<RevisionSummary> release_history(HistoryRequest req);
    // A release's state (req.revision 0: the latest).
    ReleaseStatus release_status(StatusRequest req);
    // A release's chart, version and state (req.revision 0: the latest).
    ReleaseMetadata release_metadata(GetRequest req);
    // A release's user-supplied values (req.all_values: the computed ones) as JSON.
    nlohmann::json release_values(GetRequest req);
    // The chart versions `helm search repo` finds in the configured repositories.
    std::vector<ChartHit> search_charts(SearchRepoRequest req);

    // ---- what helm's commands print ----

    // Renders a chart locally; returns what `helm template` prints (the rendered manifests). A failure
    // throws an Error whose partial_stdout() holds what helm prints before its error (e.g. with --debug).
    Printed render_template(const TemplateRequest& req, CancelToken* cancel = nullptr);

    // Returns what `version` prints: cpphelm's build information in helm's format.
    Printed render_version(const VersionRequest& req);

    // Each returns exactly what the helm command prints on stdout; failures throw (with partial output).
    Printed create(const CreateRequest& req);
    Printed lint(const LintRequest& req);
    Printed show(const ShowRequest& req);
    Printed package(const PackageRequest& req);
    Printed dependency(const DependencyRequest& req, CancelToken* cancel = nullptr);

    // The release commands. Long operations (install, upgrade, rollback, uninstall, test) end when
    // their token is cancelled; with GoRuntimeOptions::handle_signals (the CLI), SIGINT/SIGTERM while
    // install or upgrade runs print "Release … has been cancelled." and end them with helm's error.
    Printed install(const InstallRequest& req, CancelToken* cancel = nullptr);
    Printed upgrade(const UpgradeRequest& req, CancelToken* cancel = nullptr);
    Printed rollback(const RollbackRequest& req, CancelToken* cancel = nullptr);
    Printed uninstall(const UninstallRequest& req, CancelToken* cancel = nullptr);
    // cpphelm's own: marks a release left pending-install/-upgrade/-rollback failed (what it prints).
    Printed unlock(const UnlockRequest& req);
    // cpphelm diff (helm-diff's commands): what an upgrade, a rollback or another revision would change.
    Printed diff_upgrade(const DiffUpgradeRequest& req);
    Printed diff_revision(const DiffRevisionRequest& req);
    Printed diff_rollback(const DiffRevisionRequest& req);
    Printed diff_release(const DiffReleaseRequest& req);
    // Throws helm's error when its registry client cannot be made from the credentials file.
    void check_registry_config(const RegistryCheckRequest& req);
    Printed list(const ListRequest& req);
    Printed status(const StatusRequest& req);
    Printed history(const HistoryRequest& req);
    Printed get(const GetRequest& req);
    Printed release_test(const ReleaseTestRequest& req, CancelToken* cancel = nullptr);

    // Completion: "name\tchart-version -> status" per release, as helm's compListReleases.
    std::vector<std::string> complete_releases(const CompleteReleasesRequest& req);
    // "revision\tApp: …, Chart: name-version" per revision, as helm's compListRevisions.
    std::vector<std::string> complete_revisions(const CompleteRevisionsRequest& req);
    // helm's compListCharts / compListRepos / compVersionFlag.
    Completion complete_charts(const CompleteChartsRequest& req);
    Completion complete_kube(const CompleteKubeRequest& req);  // --namespace / --kube-context values
    std::vector<std::string> complete_repos(const CompleteReposRequest& req);
    std::vector<std::string> complete_versions(const CompleteVersionsRequest& req);

    // The plugin commands; run_plugin lets the plugin use the terminal and throws its exit status.
    Printed plugin_list(const PluginListRequest& req);
    Printed plugin_install(const PluginInstallRequest& req);
    Printed plugin_uninstall(const PluginNamesRequest& req);
    Printed plugin_update(const PluginNamesRequest& req);
    Printed plugin_package(const PluginPackageRequest& req);
    Printed plugin_verify(const PluginVerifyRequest& req);
    std::vector<PluginCommand> plugin_commands(const PluginCommandsRequest& req);
    void run_plugin(const PluginRunRequest& req);
    Completion plugin_complete(const PluginCompleteRequest& req);

    // Writes the pages of `helm docs` (creating each file in order, as cobra/doc does).
    void write_docs(const DocsWriteRequest& req);

    // The repository commands that need no server.
    Printed repo_list(const RepoListRequest& req);
    Printed repo_remove(const RepoRemoveRequest& req);
    Printed repo_index(const RepoIndexRequest& req);
    Printed repo_add(const RepoAddRequest& req);
    Printed repo_update(const RepoUpdateRequest& req, CancelToken* cancel = nullptr);
    Printed search_repo(const SearchRepoRequest& req);
    Printed search_hub(const SearchHubRequest& req);
    Printed pull(const PullRequest& req, CancelToken* cancel = nullptr);
    Printed push(const PushRequest& req, CancelToken* cancel = nullptr);
    Printed registry_login(const RegistryLoginRequest& req);
    Printed registry_logout(const RegistryLogoutRequest& req);
    Printed verify(const VerifyRequest& req);

    // Throws when the storage driver cannot start (helm's log.Fatal before every command).
    void check_driver(const DriverCheckRequest& req);

    // Returns the effective namespace for these settings.
    std::string effective_namespace(const GlobalSettings& settings);

private:
    BackendReply call(std::string_view op, const std::string& request_json, CancelToken* cancel = nullptr);
    template <class Request>
    Printed printing(std::string_view op, const Request& req, CancelToken* cancel = nullptr);
    template <class Request>
    nlohmann::json printed_json(std::string_view op, const Request& req);
    // A lookup answering a list of completion lines / lines plus cobra's directive.
    template <class Request>
    std::vector<std::string> lines(std::string_view op, const Request& req);
    template <class Request>
    Completion completion(std::string_view op, const Request& req);

    Backend& m_backend;
};

}  // namespace cpphelm
