#include "cpphelm/settings.hpp"

#include <cstdlib>

#include "gotext/goparse.hpp"

namespace cpphelm {

EnvLookup process_env() {
    return [](const std::string& name) -> std::optional<std::string> {
        if (const char* v = std::getenv(name.c_str())) return std::string(v);
        return std::nullopt;
    };
}

EnvLookup map_env(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
}

namespace {

std::string env_or_empty(const EnvLookup& env, const std::string& name) { return env(name).value_or(""); }

// Like Go's os.LookupEnv-based envOr: a variable that is set (even to "") wins over the default.
std::string env_or(const EnvLookup& env, const std::string& name, const std::string& def) {
    auto v = env(name);
    return v ? *v : def;
}

int env_int_or(const EnvLookup& env, const std::string& name, int def) {
    auto v = env(name);
    if (!v) return def;
    auto n = goparse::atoi(*v);
    return n ? static_cast<int>(*n) : def;
}

bool env_bool_or(const EnvLookup& env, const std::string& name, bool def) {
    auto v = env(name);
    if (!v) return def;
    auto b = goparse::parse_bool(*v);
    return b ? *b : def;
}

// helm's envCSV: comma-separated, with leading/trailing ", " trimmed first.
std::vector<std::string> env_csv(const EnvLookup& env, const std::string& name) {
    std::string v = env_or_empty(env, name);
    auto first = v.find_first_not_of(", ");
    if (first == std::string::npos) return {};
    auto last = v.find_last_not_of(", ");
    v = v.substr(first, last - first + 1);
    std::vector<std::string> out;
    std::string::size_type start = 0;
    while (true) {
        auto pos = v.find(',', start);
        out.push_back(v.substr(start, pos - start));
        if (pos == std::string::npos) break;
        start = pos + 1;
    }
    return out;
}

// helm's envColorMode: NO_COLOR set and non-empty wins; HELM_COLOR is lower-cased; anything else is "auto".
std::string env_color_mode(const EnvLookup& env) {
    if (!env_or_empty(env, "NO_COLOR").empty()) return "never";
    std::string v = env_or_empty(env, "HELM_COLOR");
    for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (v == "never" || v == "auto" || v == "always") return v;
    return "auto";
}

std::string base_dir(const EnvLookup& env, const char* helm_var, const char* xdg_var, const char* home_rel) {
    std::string v = env_or_empty(env, helm_var);
    if (!v.empty()) return v;
    std::string xdg = env_or_empty(env, xdg_var);
    if (!xdg.empty()) return xdg + "/helm";
    return env_or_empty(env, "HOME") + "/" + home_rel + "/helm";
}

}  // namespace

HelmPaths HelmPaths::resolve(const EnvLookup& env) {
    return HelmPaths{
        base_dir(env, "HELM_CACHE_HOME", "XDG_CACHE_HOME", ".cache"),
        base_dir(env, "HELM_CONFIG_HOME", "XDG_CONFIG_HOME", ".config"),
        base_dir(env, "HELM_DATA_HOME", "XDG_DATA_HOME", ".local/share"),
    };
}

GlobalSettings GlobalSettings::from_env(const EnvLookup& env) {
    GlobalSettings s;
    s.paths = HelmPaths::resolve(env);
    s.namespace_ = env_or_empty(env, "HELM_NAMESPACE");
    s.max_history = env_int_or(env, "HELM_MAX_HISTORY", 10);
    // helm's cli.New() reads KUBECONFIG, but registering --kubeconfig resets it to "": client-go
    // still honours $KUBECONFIG itself.
    s.kubeconfig = "";
    s.kube_context = env_or_empty(env, "HELM_KUBECONTEXT");
    s.kube_token = env_or_empty(env, "HELM_KUBETOKEN");
    s.kube_as_user = env_or_empty(env, "HELM_KUBEASUSER");
    s.kube_as_groups = env_csv(env, "HELM_KUBEASGROUPS");
    s.kube_apiserver = env_or_empty(env, "HELM_KUBEAPISERVER");
    s.kube_ca_file = env_or_empty(env, "HELM_KUBECAFILE");
    s.kube_tls_server_name = env_or_empty(env, "HELM_KUBETLS_SERVER_NAME");
    s.kube_insecure_skip_tls_verify = env_bool_or(env, "HELM_KUBEINSECURE_SKIP_TLS_VERIFY", false);
    s.plugins_directory = env_or(env, "HELM_PLUGINS", s.paths.data_home + "/plugins");
    s.registry_config = env_or(env, "HELM_REGISTRY_CONFIG", s.paths.config_home + "/registry/config.json");
    s.repository_config = env_or(env, "HELM_REPOSITORY_CONFIG", s.paths.config_home + "/repositories.yaml");
    s.repository_cache = env_or(env, "HELM_REPOSITORY_CACHE", s.paths.cache_home + "/repository");
    s.content_cache = env_or(env, "HELM_CONTENT_CACHE", s.paths.cache_home + "/content");
    s.burst_limit = env_int_or(env, "HELM_BURST_LIMIT", 100);
    if (auto q = env("HELM_QPS")) {
        auto f = goparse::parse_float(*q);
        s.qps = f ? static_cast<float>(*f) : 0.0f;
    }
    s.color_mode = env_color_mode(env);
    s.debug = goparse::parse_bool(env_or_empty(env, "HELM_DEBUG")).value_or(false);
    s.driver = env_or_empty(env, "HELM_DRIVER");
    return s;
}

std::optional<std::string> check_driver(const std::string& d) {
    if (d.empty() || d == "secret" || d == "secrets" || d == "configmap" || d == "configmaps" || d == "memory" ||
        d == "sql")
        return std::nullopt;
    return "unknown driver \"" + d + "\"";
}

std::map<std::string, std::string> env_vars(const GlobalSettings& s, const std::string& ns, const std::string& bin) {
    auto b = [](bool v) { return std::string(v ? "true" : "false"); };
    std::string groups;
    for (size_t i = 0; i < s.kube_as_groups.size(); ++i) groups += (i ? "," : "") + s.kube_as_groups[i];
    std::map<std::string, std::string> m{
        {"HELM_BIN", bin},
        {"HELM_CACHE_HOME", s.paths.cache_home},
        {"HELM_CONFIG_HOME", s.paths.config_home},
        {"HELM_DATA_HOME", s.paths.data_home},
        {"HELM_DEBUG", b(s.debug)},
        {"HELM_PLUGINS", s.plugins_directory},
        {"HELM_REGISTRY_CONFIG", s.registry_config},
        {"HELM_REPOSITORY_CACHE", s.repository_cache},
        {"HELM_CONTENT_CACHE", s.content_cache},
        {"HELM_REPOSITORY_CONFIG", s.repository_config},
        {"HELM_NAMESPACE", ns},
        {"HELM_MAX_HISTORY", std::to_string(s.max_history)},
        {"HELM_BURST_LIMIT", std::to_string(s.burst_limit)},
        {"HELM_QPS", goparse::format_fixed2(s.qps)},
        {"HELM_KUBECONTEXT", s.kube_context},
        {"HELM_KUBETOKEN", s.kube_token},
        {"HELM_KUBEASUSER", s.kube_as_user},
        {"HELM_KUBEASGROUPS", groups},
        {"HELM_KUBEAPISERVER", s.kube_apiserver},
        {"HELM_KUBECAFILE", s.kube_ca_file},
        {"HELM_KUBEINSECURE_SKIP_TLS_VERIFY", b(s.kube_insecure_skip_tls_verify)},
        {"HELM_KUBETLS_SERVER_NAME", s.kube_tls_server_name},
    };
    if (!s.kubeconfig.empty()) m["KUBECONFIG"] = s.kubeconfig;
    return m;
}

}  // namespace cpphelm
