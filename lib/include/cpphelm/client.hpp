#pragma once

#include <string>
#include <vector>

#include "cpphelm/backend.hpp"
#include "cpphelm/diff_requests.hpp"
#include "cpphelm/requests.hpp"
#include "cpphelm/results.hpp"

namespace cpphelm {

// The C++ SDK: one method per operation; throws cpphelm::Error on failure.
class Client {
public:
    explicit Client(Backend& backend) : m_backend(backend) {}

    // Renders a chart locally; returns what `helm template` prints. A failure throws an Error whose
    // partial_stdout() holds what helm prints before its error (e.g. with --debug).
    Printed render_template(const TemplateRequest& req);

    // Returns what `version` prints: cpphelm's build information in helm's format.
    Printed render_version(const VersionRequest& req);

    // Each returns exactly what the helm command prints on stdout; failures throw (with partial output).
    Printed create(const CreateRequest& req);
    Printed lint(const LintRequest& req);
    Printed show(const ShowRequest& req);
    Printed package(const PackageRequest& req);
    Printed dependency(const DependencyRequest& req);

    // The release commands. Long operations (install, upgrade, rollback, uninstall, test) are cancelled
    // as helm cancels them: SIGINT/SIGTERM while they run print "Release … has been cancelled." where
    // helm prints it and end them with helm's error.
    Printed install(const InstallRequest& req);
    Printed upgrade(const UpgradeRequest& req);
    Printed rollback(const RollbackRequest& req);
    Printed uninstall(const UninstallRequest& req);
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
    Printed release_test(const ReleaseTestRequest& req);

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
    Printed repo_update(const RepoUpdateRequest& req);
    Printed search_repo(const SearchRepoRequest& req);
    Printed search_hub(const SearchHubRequest& req);
    Printed pull(const PullRequest& req);
    Printed push(const PushRequest& req);
    Printed registry_login(const RegistryLoginRequest& req);
    Printed registry_logout(const RegistryLogoutRequest& req);
    Printed verify(const VerifyRequest& req);

    // Throws when the storage driver cannot start (helm's log.Fatal before every command).
    void check_driver(const DriverCheckRequest& req);

    // Returns the effective namespace for these settings.
    std::string effective_namespace(const GlobalSettings& settings);

private:
    BackendReply call(std::string_view op, const std::string& request_json);
    template <class Request>
    Printed printing(std::string_view op, const Request& req);
    // A lookup answering a list of completion lines / lines plus cobra's directive.
    template <class Request>
    std::vector<std::string> lines(std::string_view op, const Request& req);
    template <class Request>
    Completion completion(std::string_view op, const Request& req);

    Backend& m_backend;
};

}  // namespace cpphelm
