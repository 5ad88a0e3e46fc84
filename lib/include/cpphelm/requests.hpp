#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cpphelm/settings.hpp"

// Typed requests: one struct per command, composed of shared parts. The CLI binds flags straight into
// them; the same structs are the C++ SDK. Each has a Go twin in go/requests.go with the same JSON names.
namespace cpphelm {

// helm's values.Options: -f/--values, --set, --set-string, --set-file, --set-json, --set-literal.
struct ValuesOptions {
    std::vector<std::string> value_files;
    std::vector<std::string> values;
    std::vector<std::string> string_values;
    std::vector<std::string> file_values;
    std::vector<std::string> json_values;
    std::vector<std::string> literal_values;
};

// The TLS and credential flags of commands that download dependencies (package, dependency).
struct DownloadOptions {
    std::string username;
    std::string password;
    std::string cert_file;
    std::string key_file;
    std::string ca_file;
    bool insecure_skip_tls_verify = false;
    bool plain_http = false;
};

// helm's action.ChartPathOptions: where and how to find a chart.
struct ChartPathOptions {
    DownloadOptions download;
    std::string keyring;
    bool pass_credentials = false;
    std::string repo;
    bool verify = false;
    std::string version;
};

// The flags of helm's addInstallFlags, shared by install, upgrade --install and template.
struct InstallOptions {
    bool create_namespace = false;
    bool force_replace = false;
    bool force_conflicts = false;
    bool server_side = true;
    bool no_hooks = false;
    bool replace = false;
    std::string timeout = "5m0s";
    std::string wait = "hookOnly";
    bool wait_for_jobs = false;
    bool generate_name = false;
    std::string name_template;
    std::string description;
    bool devel = false;
    bool dependency_update = false;
    bool disable_openapi_validation = false;
    bool rollback_on_failure = false;
    bool skip_crds = false;
    bool render_subchart_notes = false;
    bool skip_schema_validation = false;
    std::map<std::string, std::string> labels;
    bool enable_dns = false;
    bool hide_notes = false;
    bool take_ownership = false;
    std::string post_renderer;
    std::vector<std::string> post_renderer_args;
};

// `helm template [NAME] [CHART]`.
struct TemplateRequest {
    GlobalSettings settings;
    std::vector<std::string> args;
    InstallOptions install;
    ValuesOptions values;
    ChartPathOptions chart;
    std::string dry_run = "client";
    bool validate = false;
    std::vector<std::string> show_only;
    std::string output_dir;
    bool include_crds = false;
    bool skip_tests = false;
    bool is_upgrade = false;
    std::string kube_version;
    std::vector<std::string> api_versions;
    bool release_name = false;
};

// `helm version`: cpphelm's build information in helm's format (plus the helm library version).
struct VersionRequest {
    std::string cpphelm_version;
    std::string git_commit;
    std::string git_tree_state;
    bool short_ = false;
    std::string template_;
};

// Asks the shim for the effective namespace (flag, else the kubeconfig context's, else "default").
struct NamespaceRequest {
    GlobalSettings settings;
};

// Checks what helm checks before every command with HELM_DRIVER=memory: the preload files decode.
struct DriverCheckRequest {
    std::string memory_driver_data;  // HELM_MEMORY_DRIVER_DATA, ':'-separated
};

// `helm create NAME`.
struct CreateRequest {
    std::string name;
    std::string starter;
    std::string starter_dir;  // <data home>/starters
    std::string chart_api_version = "v2";
};

// `helm lint PATH...`.
struct LintRequest {
    GlobalSettings settings;
    std::vector<std::string> paths;
    ValuesOptions values;
    bool strict = false;
    bool with_subcharts = false;
    bool quiet = false;
    bool skip_schema_validation = false;
    std::string kube_version;
};

// `helm show all|chart|values|readme|crds CHART`.
struct ShowRequest {
    GlobalSettings settings;
    std::string format;  // all, chart, values, readme, crds
    std::string chart_ref;
    ChartPathOptions chart;
    bool devel = false;
    std::string jsonpath;
};

// `helm package PATH...`.
struct PackageRequest {
    GlobalSettings settings;
    std::vector<std::string> paths;
    bool sign = false;
    std::string key;
    std::string keyring;
    std::string passphrase_file;
    std::string version;
    std::string app_version;
    std::string destination = ".";
    bool dependency_update = false;
    DownloadOptions download;
};

// `helm dependency list|update|build [CHART]`.
struct DependencyRequest {
    GlobalSettings settings;
    std::string action;  // list, update, build
    std::string chart_path = ".";
    uint64_t max_col_width = 80;
    bool verify = false;
    std::string keyring;
    bool skip_refresh = false;
    DownloadOptions download;
};

// helm's bindOutputFlag values: "table", "json" or "yaml".
inline constexpr const char* kDefaultOutput = "table";

// `helm install [NAME] [CHART]`.
struct InstallRequest {
    GlobalSettings settings;
    std::vector<std::string> args;
    InstallOptions install;
    ValuesOptions values;
    ChartPathOptions chart;
    std::string dry_run = "none";  // none, client, server, "unset" (bare --dry-run) or a legacy boolean
    bool hide_secret = false;
    std::string output = kDefaultOutput;
};

// The flags upgrade and rollback share: how the new revision is applied, waited for and recorded.
struct RevisionOptions {
    std::string description;
    bool force_replace = false;
    bool force_conflicts = false;
    std::string server_side = "auto";  // true, false or auto
    bool no_hooks = false;
    std::string timeout = "5m0s";
    std::string wait = "hookOnly";
    bool wait_for_jobs = false;
    bool cleanup_on_fail = false;
    int history_max = 10;  // HELM_MAX_HISTORY
    std::string dry_run = "none";
};

// `helm upgrade [RELEASE] [CHART]`.
struct UpgradeRequest {
    GlobalSettings settings;
    std::string release;
    std::string chart_ref;
    RevisionOptions revision;
    ValuesOptions values;
    ChartPathOptions chart;
    bool install = false;
    bool create_namespace = false;
    bool devel = false;
    bool hide_secret = false;
    bool disable_openapi_validation = false;
    bool skip_crds = false;
    bool reset_values = false;
    bool reuse_values = false;
    bool reset_then_reuse_values = false;
    bool rollback_on_failure = false;
    bool render_subchart_notes = false;
    bool hide_notes = false;
    bool skip_schema_validation = false;
    std::map<std::string, std::string> labels;
    bool dependency_update = false;
    bool enable_dns = false;
    bool take_ownership = false;
    std::string post_renderer;
    std::vector<std::string> post_renderer_args;
    std::string output = kDefaultOutput;
};

// `helm rollback <RELEASE> [REVISION]`.
struct RollbackRequest {
    GlobalSettings settings;
    std::string release;
    std::string revision_arg;  // empty: the previous revision
    RevisionOptions revision;
};

// `cpphelm unlock RELEASE_NAME` (cpphelm's own): marks a release's pending latest revision failed.
struct UnlockRequest {
    GlobalSettings settings;
    std::string release;
    std::string min_age = "5m0s";  // refuse when the pending revision is younger (Go duration)
    bool dry_run = false;          // say what would change, change nothing
    std::string output = kDefaultOutput;
};

// `helm uninstall RELEASE_NAME [...]`.
struct UninstallRequest {
    GlobalSettings settings;
    std::vector<std::string> releases;
    bool dry_run = false;
    bool no_hooks = false;
    bool ignore_not_found = false;
    bool keep_history = false;
    std::string cascade = "background";
    std::string timeout = "5m0s";
    std::string description;
    std::string wait = "hookOnly";
};

// `helm list`.
struct ListRequest {
    GlobalSettings settings;
    bool short_ = false;
    bool no_headers = false;
    std::string time_format;
    bool by_date = false;
    bool sort_reverse = false;
    bool uninstalled = false;
    bool superseded = false;
    bool uninstalling = false;
    bool deployed = false;
    bool failed = false;
    bool pending = false;
    bool all_namespaces = false;
    int max = 256;
    int offset = 0;
    std::string filter;
    std::string selector;
    std::string output = kDefaultOutput;
};

// `helm status RELEASE_NAME`.
struct StatusRequest {
    GlobalSettings settings;
    std::string release;
    int revision = 0;
    std::string output = kDefaultOutput;
};

// `helm history RELEASE_NAME`.
struct HistoryRequest {
    GlobalSettings settings;
    std::string release;
    int max = 256;
    bool show_rollback_revision = false;
    std::string output = kDefaultOutput;
};

// `helm get all|hooks|manifest|metadata|notes|values RELEASE_NAME`.
struct GetRequest {
    GlobalSettings settings;
    std::string what;  // all, hooks, manifest, metadata, notes, values
    std::string release;
    int revision = 0;
    std::string template_;    // all
    bool all_values = false;  // values
    std::string output = kDefaultOutput;  // metadata, values
};

// `helm test [RELEASE]`.
struct ReleaseTestRequest {
    GlobalSettings settings;
    std::string release;
    std::string timeout = "5m0s";
    bool logs = false;
    std::vector<std::string> filter;
};

// `helm repo add [NAME] [URL]` (download.plain_http has no flag here).
struct RepoAddRequest {
    GlobalSettings settings;
    std::string name;
    std::string url;
    DownloadOptions download;
    bool password_stdin = false;
    bool force_update = false;
    bool allow_deprecated_repos = false;
    bool pass_credentials = false;
    std::string timeout = "2m0s";
};

// `helm repo index [DIR]`.
struct RepoIndexRequest {
    std::string dir;
    std::string url;
    std::string merge;
    bool json = false;
};

// `helm repo list`.
struct RepoListRequest {
    GlobalSettings settings;
    bool no_headers = false;
    std::string output = kDefaultOutput;
};

// Completion of release names (helm's compListReleases): the releases of the namespace, except `exclude`.
struct CompleteReleasesRequest {
    GlobalSettings settings;
    std::vector<std::string> exclude;
};

// Completion of revisions (helm's compListRevisions).
struct CompleteRevisionsRequest {
    GlobalSettings settings;
    std::string release;
};

// Completion of chart references (helm's compListCharts): repositories, their charts, URL prefixes
// and, with include_files, local files.
struct CompleteChartsRequest {
    GlobalSettings settings;
    std::string to_complete;
    bool include_files = false;
};

// Completion of repository names (helm's compListRepos), except `exclude`.
struct CompleteReposRequest {
    GlobalSettings settings;
    std::vector<std::string> exclude;
};

// Completion of --namespace ("namespaces": the cluster's) or --kube-context ("contexts": the kubeconfig's).
struct CompleteKubeRequest {
    GlobalSettings settings;
    std::string what;
};

// Completion of --version for REPO/CHART (helm's compVersionFlag).
struct CompleteVersionsRequest {
    GlobalSettings settings;
    std::string chart_ref;
};

// `helm repo remove [REPO1 [REPO2 ...]]`.
struct RepoRemoveRequest {
    GlobalSettings settings;
    std::vector<std::string> names;
};

// `helm repo update [REPO1 [REPO2 ...]]`.
struct RepoUpdateRequest {
    GlobalSettings settings;
    std::vector<std::string> names;
    std::string timeout = "2m0s";
};

// What `search hub` and `search repo` share.
struct SearchOptions {
    uint64_t max_col_width = 50;
    bool fail_on_no_result = false;
    std::string output = kDefaultOutput;
};

// `helm search hub [KEYWORD]`.
struct SearchHubRequest {
    GlobalSettings settings;
    std::vector<std::string> keywords;
    std::string endpoint = "https://hub.helm.sh";
    bool list_repo_url = false;
    SearchOptions search;
};

// `helm search repo [keyword]`.
struct SearchRepoRequest {
    GlobalSettings settings;
    std::vector<std::string> keywords;
    bool regexp = false;
    bool versions = false;
    bool devel = false;
    std::string version;
    SearchOptions search;
};

// `helm pull [chart URL | repo/chartname] [...]`.
struct PullRequest {
    GlobalSettings settings;
    std::vector<std::string> chart_refs;
    ChartPathOptions chart;
    bool devel = false;
    bool untar = false;
    bool prov = false;
    std::string untardir = ".";
    std::string destination = ".";
};

// `helm push [chart] [remote]`.
struct PushRequest {
    GlobalSettings settings;
    std::string chart_path;
    std::string remote;
    DownloadOptions download;
};

// `helm registry login [host]` (--insecure is download.insecure_skip_tls_verify).
struct RegistryLoginRequest {
    GlobalSettings settings;
    std::string host;
    DownloadOptions download;
    bool password_stdin = false;
};

// Whether helm could make its registry client from the credentials file at `path` (every command's
// start-up check).
struct RegistryCheckRequest {
    std::string path;
};

// `helm registry logout [host]`.
struct RegistryLogoutRequest {
    GlobalSettings settings;
    std::string host;
};

// `helm verify PATH`.
struct VerifyRequest {
    GlobalSettings settings;
    std::string path;
    std::string keyring;
};

// `helm plugin install [options] <path|url>`.
struct PluginInstallRequest {
    GlobalSettings settings;
    std::string source;
    std::string version;
    bool verify = true;
    std::string keyring;
    DownloadOptions download;
};

// `helm plugin list`.
struct PluginListRequest {
    GlobalSettings settings;
    std::string type;
};

// `helm plugin uninstall|update <plugin>...`.
struct PluginNamesRequest {
    GlobalSettings settings;
    std::vector<std::string> names;
};

// `helm <plugin> [args...]`: a CLI plugin run with every word but its name (helm's flags among them
// are picked out by the shim, as helm does).
struct PluginRunRequest {
    GlobalSettings settings;
    std::string name;
    std::vector<std::string> args;
};

// The completions a plugin's plugin.complete gives (helm's pluginDynamicComp).
struct PluginCompleteRequest {
    GlobalSettings settings;
    std::string name;
    std::vector<std::string> path;  // the plugin's sub-commands on the line
    std::vector<std::string> args;  // the words after them
    std::string to_complete;
    std::vector<std::string> line;  // the whole line, for helm's global flags
};

// The installed CLI plugins, to offer as commands.
struct PluginCommandsRequest {
    GlobalSettings settings;
    bool completion = false;  // also each plugin's completion.yaml
};

// `helm plugin package [PATH]`.
struct PluginPackageRequest {
    std::string path;
    bool sign = true;
    std::string key;
    std::string keyring;
    std::string passphrase_file;
    std::string destination = ".";
};

// `helm plugin verify [PATH]`.
struct PluginVerifyRequest {
    std::string path;
    std::string keyring;
};

// `helm completion bash|zsh|fish|powershell`.
struct CompletionRequest {
    std::string shell;
    bool no_descriptions = false;
};

// `helm docs` (hidden).
struct DocsRequest {
    std::string dir = "./";
    std::string type = "markdown";
    bool generate_headers = false;
};

// One file of `helm docs`: its name in the directory and the text built from the command model.
struct DocsPage {
    std::string name;
    std::string text;
};

// The pages `docs` writes, in cobra/doc's order; the shim adds the clock-dependent parts (cobra's
// "Auto generated" tag, a man page's date) and renders man pages with go-md2man.
struct DocsWriteRequest {
    std::string dir;
    std::string kind;  // markdown, man or bash
    std::string man_title;
    std::string man_section;
    std::vector<DocsPage> pages;
};

}  // namespace cpphelm
