#pragma once

#include <nlohmann/json.hpp>

#include "cpphelm/diff_requests.hpp"
#include "cpphelm/requests.hpp"
#include "cpphelm/results.hpp"

// JSON encoding of requests and results as they cross into the Go shim (names match go/requests.go).
namespace cpphelm {

void to_json(nlohmann::json& j, const GlobalSettings& s);
void to_json(nlohmann::json& j, const ValuesOptions& v);
void to_json(nlohmann::json& j, const ChartPathOptions& c);
void to_json(nlohmann::json& j, const InstallOptions& o);
void to_json(nlohmann::json& j, const TemplateRequest& r);
void to_json(nlohmann::json& j, const VersionRequest& r);
void to_json(nlohmann::json& j, const NamespaceRequest& r);
void to_json(nlohmann::json& j, const DriverCheckRequest& r);
void to_json(nlohmann::json& j, const CreateRequest& r);
void to_json(nlohmann::json& j, const LintRequest& r);
void to_json(nlohmann::json& j, const ShowRequest& r);
void to_json(nlohmann::json& j, const PackageRequest& r);
void to_json(nlohmann::json& j, const DependencyRequest& r);
void to_json(nlohmann::json& j, const InstallRequest& r);
void to_json(nlohmann::json& j, const RevisionOptions& r);
void to_json(nlohmann::json& j, const UpgradeRequest& r);
void to_json(nlohmann::json& j, const RollbackRequest& r);
void to_json(nlohmann::json& j, const UninstallRequest& r);
void to_json(nlohmann::json& j, const UnlockRequest& r);
void to_json(nlohmann::json& j, const DiffOptions& o);
void to_json(nlohmann::json& j, const DiffUpgradeRequest& r);
void to_json(nlohmann::json& j, const DiffRevisionRequest& r);
void to_json(nlohmann::json& j, const DiffReleaseRequest& r);
void to_json(nlohmann::json& j, const RegistryCheckRequest& r);
void to_json(nlohmann::json& j, const ListRequest& r);
void to_json(nlohmann::json& j, const StatusRequest& r);
void to_json(nlohmann::json& j, const HistoryRequest& r);
void to_json(nlohmann::json& j, const GetRequest& r);
void to_json(nlohmann::json& j, const ReleaseTestRequest& r);
void to_json(nlohmann::json& j, const CompleteReleasesRequest& r);
void to_json(nlohmann::json& j, const CompleteRevisionsRequest& r);
void to_json(nlohmann::json& j, const RepoListRequest& r);
void to_json(nlohmann::json& j, const RepoAddRequest& r);
void to_json(nlohmann::json& j, const CompleteChartsRequest& r);
void to_json(nlohmann::json& j, const CompleteReposRequest& r);
void to_json(nlohmann::json& j, const DocsPage& p);
void to_json(nlohmann::json& j, const PluginListRequest& r);
void to_json(nlohmann::json& j, const PluginInstallRequest& r);
void to_json(nlohmann::json& j, const PluginNamesRequest& r);
void to_json(nlohmann::json& j, const PluginRunRequest& r);
void to_json(nlohmann::json& j, const PluginCommandsRequest& r);
void to_json(nlohmann::json& j, const PluginCompleteRequest& r);
void to_json(nlohmann::json& j, const PluginPackageRequest& r);
void to_json(nlohmann::json& j, const PluginVerifyRequest& r);
void to_json(nlohmann::json& j, const DocsWriteRequest& r);
void to_json(nlohmann::json& j, const CompleteKubeRequest& r);
void to_json(nlohmann::json& j, const CompleteVersionsRequest& r);
void to_json(nlohmann::json& j, const RepoUpdateRequest& r);
void to_json(nlohmann::json& j, const SearchOptions& o);
void to_json(nlohmann::json& j, const SearchRepoRequest& r);
void to_json(nlohmann::json& j, const SearchHubRequest& r);
void to_json(nlohmann::json& j, const PullRequest& r);
void to_json(nlohmann::json& j, const PushRequest& r);
void to_json(nlohmann::json& j, const RegistryLoginRequest& r);
void to_json(nlohmann::json& j, const RegistryLogoutRequest& r);
void to_json(nlohmann::json& j, const VerifyRequest& r);
void to_json(nlohmann::json& j, const RepoRemoveRequest& r);
void to_json(nlohmann::json& j, const RepoIndexRequest& r);

}  // namespace cpphelm
