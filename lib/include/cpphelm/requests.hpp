#pragma once

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
    unsigned max_col_width = 80;
    bool verify = false;
    std::string keyring;
    bool skip_refresh = false;
    DownloadOptions download;
};

}  // namespace cpphelm
