#include "cpphelm/local.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>

#include "gotext/goparse.hpp"
#include "gotext/goyaml.hpp"
#include "core/repo_file.hpp"

namespace cpphelm::local {

namespace {

// filepath.SplitList: the ':'-separated elements of a non-empty list (empty ones kept).
std::vector<std::string> split_list(const std::string& list) {
    std::vector<std::string> out;
    for (size_t start = 0; !list.empty() && start <= list.size();) {
        size_t end = std::min(list.find(':', start), list.size());
        out.push_back(list.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

bool printable_ascii(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
}

// uitable's rendering of NAME/URL rows as EncodeTable writes it: cells padded to their column's width
// (the last one too), separated by a tab. nullopt for text other than printable ASCII, whose width
// go-runewidth decides (by locale, for East Asian ambiguous characters).
std::optional<std::string> repo_table(const std::vector<RepoFileEntry>& repos, bool no_headers) {
    std::vector<RepoFileEntry> rows;
    if (!no_headers) rows.push_back({"NAME", "URL"});
    size_t name_width = 0, url_width = 0;
    for (const auto& r : repos) {
        if (!printable_ascii(r.name) || !printable_ascii(r.url)) return std::nullopt;
        rows.push_back(r);
    }
    for (const auto& r : rows) {
        name_width = std::max(name_width, r.name.size());
        url_width = std::max(url_width, r.url.size());
    }
    std::string out;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (i) out += '\n';
        out += rows[i].name + std::string(name_width - rows[i].name.size(), ' ') + '\t';
        out += rows[i].url + std::string(url_width - rows[i].url.size(), ' ');
    }
    return out + '\n';
}

// output.EncodeJSON of []repositoryElement: json.Encoder, compact, with a newline.
std::string repo_json(const std::vector<RepoFileEntry>& repos) {
    std::string out = "[";
    for (size_t i = 0; i < repos.size(); ++i) {
        if (i) out += ',';
        out += "{\"name\":" + goyaml::json_string(repos[i].name) + ",\"url\":" + goyaml::json_string(repos[i].url) + "}";
    }
    return out + "]\n";
}

// output.EncodeYAML of []repositoryElement (sigs.k8s.io/yaml: JSON, then yaml.v2 with sorted keys).
std::optional<std::string> repo_yaml(const std::vector<RepoFileEntry>& repos) {
    if (repos.empty()) return "[]\n";
    std::string out;
    for (const auto& r : repos) {
        auto name = goyaml::block_value(r.name, 8);  // after "- name: "
        auto url = goyaml::block_value(r.url, 7);    // after "  url: "
        if (!name || !url) return std::nullopt;
        out += "- name: " + *name + "\n  url: " + *url + "\n";
    }
    return out;
}

}  // namespace

std::optional<Output> repo_list(const RepoListRequest& req) {
    auto file = load_repo_file(req.settings.repository_config);
    if (!file) return std::nullopt;
    const auto& repos = file->repositories;  // helm's repo list ignores the load error
    Output out;
    if (repos.empty() && req.output != "json" && req.output != "yaml") {
        out.stderr_bytes = "no repositories to show\n";
        return out;
    }
    std::optional<std::string> text;
    if (req.output == "json") text = repo_json(repos);
    else if (req.output == "yaml") text = repo_yaml(repos);
    else text = repo_table(repos, req.no_headers);
    if (!text) return std::nullopt;
    out.stdout_bytes = std::move(*text);
    return out;
}

std::optional<std::vector<std::string>> complete_repos(const CompleteReposRequest& req) {
    auto file = load_repo_file(req.settings.repository_config);
    if (!file) return std::nullopt;
    std::vector<std::string> lines;
    if (file->load_error) return lines;
    for (const auto& r : file->repositories)
        if (std::find(req.exclude.begin(), req.exclude.end(), r.name) == req.exclude.end())
            lines.push_back(r.name + "\t" + r.url);
    return lines;
}

std::optional<BuildInfo> build_info(const VersionRequest& req) {
#if defined(CPPHELM_GO_VERSION) && defined(CPPHELM_KUBE_CLIENT_VERSION) && defined(CPPHELM_HELM_VERSION)
    return BuildInfo{req.cpphelm_version, req.git_commit,          req.git_tree_state,
                     CPPHELM_GO_VERSION,  CPPHELM_KUBE_CLIENT_VERSION, CPPHELM_HELM_VERSION};
#else
    (void)req;
    return std::nullopt;
#endif
}

namespace {

// text/template over BuildInfo for templates made of text and {{.Field}} actions only.
std::optional<std::string> simple_template(const std::string& tpl, const BuildInfo& b) {
    const std::pair<std::string_view, const std::string*> fields[] = {
        {"Version", &b.version},           {"GitCommit", &b.git_commit},
        {"GitTreeState", &b.git_tree_state}, {"GoVersion", &b.go_version},
        {"KubeClientVersion", &b.kube_client_version}, {"HelmVersion", &b.helm_version}};
    std::string out;
    size_t at = 0;
    for (size_t open; (open = tpl.find("{{", at)) != std::string::npos;) {
        out.append(tpl, at, open - at);
        size_t close = tpl.find("}}", open);
        if (close == std::string::npos || tpl.compare(open + 2, 1, ".") != 0) return std::nullopt;
        std::string_view name(tpl.data() + open + 3, close - open - 3);
        const std::string* value = nullptr;
        for (const auto& [n, v] : fields)
            if (n == name) value = v;
        if (!value) return std::nullopt;
        out += *value;
        at = close + 2;
    }
    return out + tpl.substr(at);
}

}  // namespace

std::optional<std::string> version(const VersionRequest& req) {
    auto b = build_info(req);
    if (!b) return std::nullopt;
    if (!req.template_.empty()) return simple_template(req.template_, *b);
    if (req.short_) return b->git_commit.size() >= 7 ? b->version + "+g" + b->git_commit.substr(0, 7) + "\n" : b->version + "\n";
    for (const auto* f : {&b->version, &b->git_commit, &b->git_tree_state, &b->go_version, &b->kube_client_version,
                          &b->helm_version})
        if (!printable_ascii(*f)) return std::nullopt;
    using goparse::quote;
    return "version.BuildInfo{Version:" + quote(b->version) + ", GitCommit:" + quote(b->git_commit) +
           ", GitTreeState:" + quote(b->git_tree_state) + ", GoVersion:" + quote(b->go_version) +
           ", KubeClientVersion:" + quote(b->kube_client_version) + ", HelmVersion:" + quote(b->helm_version) + "}\n";
}

namespace {

enum class PathState { Exists, Missing, Denied, Other };

// os.Stat's answer as client-go tests it: nil, IsNotExist, IsPermission, or another error.
PathState stat_path(const std::string& p, bool* is_dir = nullptr) {
    struct stat st {};
    if (::stat(p.c_str(), &st) == 0) {
        if (is_dir) *is_dir = S_ISDIR(st.st_mode);
        return PathState::Exists;
    }
    if (errno == ENOENT) return PathState::Missing;
    return errno == EACCES || errno == EPERM ? PathState::Denied : PathState::Other;
}

// A path whose ".." elements Go's filepath.Join would clean away lexically (stat would not).
bool has_dot_dot(const std::string& p) {
    return p == ".." || p.rfind("../", 0) == 0 || p.find("/../") != std::string::npos ||
           (p.size() >= 3 && p.compare(p.size() - 3, 3, "/..") == 0);
}

// Whether client-go's loader would do nothing before reading files: its migration of
// ~/.kube/.kubeconfig to ~/.kube/config applies when only the old file exists.
bool no_migration(const std::string& kube_dir) {
    PathState dest = stat_path(kube_dir + "/config");
    if (dest == PathState::Exists || dest == PathState::Denied) return true;
    if (dest == PathState::Other) return false;
    PathState src = stat_path(kube_dir + "/.kubeconfig");
    return src == PathState::Missing || src == PathState::Denied;
}

// client-go's ~/.kube (homedir.HomeDir() is $HOME on Linux), or nullopt when Go would clean the path.
std::optional<std::string> kube_dir(const EnvLookup& env) {
    std::string home = env("HOME").value_or("");
    if (has_dot_dot(home)) return std::nullopt;
    return home.empty() ? ".kube" : home + "/.kube";
}

}  // namespace

bool namespace_lookup_writes_nothing(const EnvLookup& env) {
    auto dir = kube_dir(env);
    return dir && no_migration(*dir);
}

std::optional<std::string> effective_namespace(const GlobalSettings& s, const EnvLookup& env) {
    if (!namespace_lookup_writes_nothing(env)) return std::nullopt;
    std::string kube = *kube_dir(env);
    if (!s.namespace_.empty()) return s.namespace_;  // the override wins, and is helm's fallback too
    // With --kubeconfig, a missing file fails the loading; helm then falls back to "default".
    if (!s.kubeconfig.empty()) return stat_path(s.kubeconfig) == PathState::Missing ? std::optional<std::string>("default") : std::nullopt;
    std::vector<std::string> files = split_list(env("KUBECONFIG").value_or(""));
    if (files.empty()) files.push_back(kube + "/config");
    for (const auto& f : files)
        if (!f.empty() && stat_path(f) != PathState::Missing) return std::nullopt;
    // An empty configuration: the in-cluster namespace when in-cluster configuration is possible.
    bool is_dir = false;
    if (!env("KUBERNETES_SERVICE_HOST").value_or("").empty() && !env("KUBERNETES_SERVICE_PORT").value_or("").empty() &&
        stat_path("/var/run/secrets/kubernetes.io/serviceaccount/token", &is_dir) == PathState::Exists && !is_dir)
        return std::nullopt;
    return "default";
}

namespace {

// Whether filepath.Glob(<dir>/*/plugin.yaml) would match: an entry of `dir` that is a directory
// (through symbolic links) listing a plugin.yaml.
bool has_plugin(const std::string& dir) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) return false;  // Glob ignores directories it cannot read
    bool found = false;
    while (dirent* e = ::readdir(d)) {
        std::string name = e->d_name;
        if (name == "." || name == "..") continue;
        struct stat st {};
        std::string sub = dir + "/" + name;
        if (::stat(sub.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && ::lstat((sub + "/plugin.yaml").c_str(), &st) == 0) {
            found = true;
            break;
        }
    }
    ::closedir(d);
    return found;
}

}  // namespace

std::optional<std::string> plugin_list(const PluginListRequest& req) {
    if (req.settings.debug) return std::nullopt;
    for (const auto& dir : split_list(req.settings.plugins_directory)) {
        if (dir.find_first_of("*?[\\") != std::string::npos || has_dot_dot(dir)) return std::nullopt;
        if (has_plugin(dir.empty() ? "." : dir)) return std::nullopt;
    }
    return "NAME\tVERSION\tTYPE\tAPIVERSION\tPROVENANCE\tSOURCE\n";
}

}  // namespace cpphelm::local
