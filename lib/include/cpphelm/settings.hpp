#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cpphelm {

// Reads an environment variable; nullopt when unset. Injected so settings resolve without the real environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// Returns a lookup over the process environment.
EnvLookup process_env();

// Returns a lookup over a fixed map (tests).
EnvLookup map_env(std::map<std::string, std::string> vars);

// helm's XDG-style base directories (pkg/helmpath): HELM_*_HOME, else XDG_*_HOME/helm, else ~/.cache/helm …
struct HelmPaths {
    std::string cache_home;
    std::string config_home;
    std::string data_home;

    static HelmPaths resolve(const EnvLookup& env);
};

// Every global flag of helm, with defaults taken from HELM_* variables exactly as helm's cli.New() does.
struct GlobalSettings {
    std::string namespace_;
    std::string kubeconfig;
    std::string kube_context;
    std::string kube_token;
    std::string kube_as_user;
    std::vector<std::string> kube_as_groups;
    std::string kube_apiserver;
    std::string kube_ca_file;
    std::string kube_tls_server_name;
    bool kube_insecure_skip_tls_verify = false;
    bool debug = false;
    std::string registry_config;
    std::string repository_config;
    std::string repository_cache;
    std::string content_cache;
    std::string plugins_directory;
    int max_history = 10;
    int burst_limit = 100;
    float qps = 0;
    std::string color_mode = "auto";
    std::string driver;  // HELM_DRIVER, validated before every command
    // cpphelm's own: how waits report progress on stderr, "live", "plain" or "off" (resolved from a
    // command's --progress or CPPHELM_PROGRESS, and whether stderr is a terminal).
    std::string progress = "off";
    HelmPaths paths;

    // Returns the settings as helm would have them before its flags are parsed.
    static GlobalSettings from_env(const EnvLookup& env);
};

// Returns an error message when HELM_DRIVER names no storage driver (helm fails every command then).
std::optional<std::string> check_driver(const std::string& driver);

// Returns helm's `env` map: HELM_* keys (and KUBECONFIG when --kubeconfig was given) to values.
// `effective_namespace` is the namespace after kubeconfig resolution, `helm_bin` is argv[0].
std::map<std::string, std::string> env_vars(const GlobalSettings& s, const std::string& effective_namespace,
                                            const std::string& helm_bin);

}  // namespace cpphelm
