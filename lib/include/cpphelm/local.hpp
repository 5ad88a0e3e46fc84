#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cpphelm/requests.hpp"
#include "cpphelm/settings.hpp"

// Answers the C++ core gives by itself, without starting the Go runtime, for commands that only read
// small local files. Each returns exactly what helm prints, or nullopt when only helm's library can
// answer exactly (an unusual file, a kubeconfig to load, a real template): the caller then asks the
// shim (Client) as before.
namespace cpphelm::local {

// What a command prints on stdout, and the notices helm writes to stderr.
struct Output {
    std::string stdout_bytes;
    std::string stderr_bytes;
};

// `helm repo list` (-o table|json|yaml, --no-headers), from the repository file of req.settings.
std::optional<Output> repo_list(const RepoListRequest& req);

// helm's compListRepos: "name\turl" for each configured repository not in req.exclude.
std::optional<std::vector<std::string>> complete_repos(const CompleteReposRequest& req);

// helm's EnvSettings.Namespace() where client-go's kubeconfig loading would find no file to read
// (or need not, the namespace being given): the namespace, else "default". nullopt when a kubeconfig
// exists, client-go would migrate ~/.kube/.kubeconfig, or in-cluster configuration is possible.
std::optional<std::string> effective_namespace(const GlobalSettings& s, const EnvLookup& env);

// Whether helm's namespace lookup (which every `env` runs, whichever variable it prints) would leave the
// disk as it is and can be skipped: client-go moves ~/.kube/.kubeconfig to ~/.kube/config when only the
// old file exists.
bool namespace_lookup_writes_nothing(const EnvLookup& env);

// `helm plugin list` when the plugins directories (HELM_PLUGINS, ':'-separated) hold no plugin: no
// <dir>/*/plugin.yaml. nullopt when one does (helm's loader must read it), with --debug (helm logs the
// directories), or for a directory that Go's Glob would read as a pattern or clean lexically.
std::optional<std::string> plugin_list(const PluginListRequest& req);

// The build information `version` prints, in the order of its fields.
struct BuildInfo {
    std::string version;
    std::string git_commit;
    std::string git_tree_state;
    std::string go_version;           // the Go toolchain that built the shim
    std::string kube_client_version;  // from client-go's version in go/go.mod ("v1.37")
    std::string helm_version;         // the embedded helm library's version
};

// This build's information for `req` (cpphelm's version and git state come with the request), or
// nullopt when the build did not record the shim's versions.
std::optional<BuildInfo> build_info(const VersionRequest& req);

// What `version` prints (default, --short, or a --template made only of text and {{.Field}}
// actions); nullopt for any other template, which Go's text/template must run.
std::optional<std::string> version(const VersionRequest& req);

}  // namespace cpphelm::local
