#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/model.hpp"
#include "cpphelm/backend.hpp"
#include "cpphelm/settings.hpp"

namespace cpphelm::app {

// What every command needs: resolved global settings, where to print, and the backend (created on
// first use, so that --help and usage errors never wait for the Go runtime).
struct Context {
    GlobalSettings settings;
    EnvLookup env;
    std::string argv0;
    std::ostream* out = nullptr;
    std::function<Backend&()> backend;
    // Requests of commands whose run step is not written yet: their flags stay bound to a live request.
    std::vector<std::shared_ptr<void>> held_requests;
    bool plugins_added = false;
    std::string progress_mode = "auto";  // --progress of the release commands that wait (progress.hpp)  // the CLI plugins are commands of the tree (plugin_commands.cpp)
    // Commands that read only small local files answer without the Go runtime (cpphelm/local.hpp)
    // unless CPPHELM_GO_ALWAYS=1 sends them to the shim (tests compare both paths).
    bool local_answers = true;
    int gc_percent = -1;  // the Go collector's target for this command (prefer_fewer_gc_cycles), < 0: Go's

    // Makes a request that lives as long as the context (a run step captures it instead, once written).
    template <class T>
    std::shared_ptr<T> make_request() {
        auto r = std::make_shared<T>();
        held_requests.push_back(r);
        return r;
    }
};

// For commands whose heap stays small but churns: the Go collector's growth target for the command
// itself (GoRuntimeOptions::gc_percent; Go's and helm's default is 100%), unless GOGC is set. Short
// read-only commands (status, history, get) keep the 400% the runtime starts with, which removes
// collections worth about 15% of their wall time. Takes effect when the backend is made, i.e. call it
// before the first backend use (the setup does, since the memory driver's check makes the backend
// before any run step).
void prefer_fewer_gc_cycles(Context& ctx, int percent = 400);

// Positional completion by release name (helm's compListReleases) for `c` (complete_release.cpp): `position` is the one
// positional it completes (-1: every position, skipping names already given, as uninstall); past it,
// helm's "no more arguments" hint. Other positions fall back to the static rules.
// `revisions_at`: the positional completed by the release's revisions (rollback's REVISION), or -1.
void complete_release_names(cli::Command& c, Context& ctx, int position, int max_args, int revisions_at = -1);

// --revision values of get and status: the release's revisions (helm's compListRevisions) once the
// release is named.
void complete_revision_flag(cli::Command& c, Context& ctx);

// The global settings with those a completion line gives (-n, --kube-context, --kubeconfig,
// --repository-config, --repository-cache) applied (complete_release.cpp).
GlobalSettings settings_from_words(GlobalSettings s, const std::vector<std::string>& words);

// Positional completion of chart references (helm's compListCharts, complete_chart.cpp) at
// `position` (one later when -g/--generate-name is on the line and `generate_name_shifts`).
// Elsewhere: `no_more_args` gives helm's "no more arguments" hint, else nothing (no files).
struct ChartArgCompletion {
    int position = 0;
    bool include_files = true;
    bool generate_name_shifts = false;
    bool no_more_args = false;
};
void complete_chart_refs(cli::Command& c, Context& ctx, ChartArgCompletion how);
// --version completion from the repository cache (helm's compVersionFlag) for the chart at `position`.
void complete_version_flag(cli::Command& c, Context& ctx, int position, bool generate_name_shifts = false);
// Positional completion by configured repository name, skipping names given (helm's compListRepos).
void complete_repo_names(cli::Command& c, Context& ctx);

// A positional completion helm answers from fixed rules (its ValidArgsFunctions without a lookup):
// positions below `files` complete files (cobra's default), `values_at` offers `values` as prefixes
// (push's "oci://"), positions from `quiet` on give helm's "no more arguments" hint, and the rest
// complete nothing.
struct FixedArgs {
    FixedArgs(int files_, int quiet_, int values_at_ = -1, std::vector<std::string> values_ = {})
        : files(files_), quiet(quiet_), values_at(values_at_), values(std::move(values_)) {}
    int files;
    int quiet;
    int values_at;
    std::vector<std::string> values;
};
void fixed_args(cli::Command& c, FixedArgs rule);

// The global flags, bound into ctx.settings.
void add_global_flags(cli::Command& root, Context& ctx);

// Each subcommand file defines one setup function: flags bound to its request, and the run step.
// The command itself (Use, texts, aliases, argument rule) comes from the catalog.
void setup_template(cli::Command& c, Context& ctx);
void setup_version(cli::Command& c, Context& ctx);
void setup_env(cli::Command& c, Context& ctx);
void setup_create(cli::Command& c, Context& ctx);
void setup_lint(cli::Command& c, Context& ctx);
void setup_show(cli::Command& c, Context& ctx);
void setup_package(cli::Command& c, Context& ctx);
void setup_dependency(cli::Command& c, Context& ctx);
// Commands whose flags are declared (help, parsing) while their run step is still to come.
void setup_install(cli::Command& c, Context& ctx);
void setup_upgrade(cli::Command& c, Context& ctx);
void setup_rollback(cli::Command& c, Context& ctx);
void setup_uninstall(cli::Command& c, Context& ctx);
void setup_list(cli::Command& c, Context& ctx);
void setup_status(cli::Command& c, Context& ctx);
void setup_history(cli::Command& c, Context& ctx);
void setup_get(cli::Command& c, Context& ctx);           // get all|hooks|manifest|metadata|notes|values
void setup_release_test(cli::Command& c, Context& ctx);  // test
void setup_unlock(cli::Command& c, Context& ctx);        // cpphelm's own
void setup_repo_add(cli::Command& c, Context& ctx);     // repo.cpp
void setup_repo_index(cli::Command& c, Context& ctx);
void setup_repo_list(cli::Command& c, Context& ctx);
void setup_repo_remove(cli::Command& c, Context& ctx);
void setup_repo_update(cli::Command& c, Context& ctx);
void setup_search_hub(cli::Command& c, Context& ctx);    // search.cpp
void setup_search_repo(cli::Command& c, Context& ctx);
void setup_pull(cli::Command& c, Context& ctx);
void setup_push(cli::Command& c, Context& ctx);
void setup_registry_login(cli::Command& c, Context& ctx);
void setup_registry_logout(cli::Command& c, Context& ctx);  // registry.cpp
void setup_verify(cli::Command& c, Context& ctx);
void setup_plugin_install(cli::Command& c, Context& ctx);  // plugin.cpp
void setup_plugin_list(cli::Command& c, Context& ctx);
void setup_plugin_names(cli::Command& c, Context& ctx);  // plugin uninstall|update
void setup_plugin_package(cli::Command& c, Context& ctx);
void setup_plugin_verify(cli::Command& c, Context& ctx);
void setup_completion(cli::Command& c, Context& ctx);    // completion bash|zsh|fish|powershell
void setup_docs(cli::Command& c, Context& ctx);
// `cpphelm diff …` (diff.cpp): runs it when the line names it, before helm's parser sees the line (helm
// hands a plugin its words unparsed). Returns the exit status, or nothing when the line is not diff's.
std::optional<int> run_diff_if_named(cli::Command& root, Context& ctx, const std::vector<std::string>& args);
// `__complete` of a line naming diff: helm-diff's commands and flags, helm's global flags, release names,
// chart references and revisions. Nothing when the line does not name diff.
std::optional<int> complete_diff_if_named(cli::Command& root, Context& ctx, const std::vector<std::string>& words,
                                         bool descriptions);
// The line without diff's own boolean --color/--no-color when it names diff: they are not helm's
// global --color <mode>, which helm reads from the whole line first.
std::vector<std::string> without_diff_color_flags(const cli::Command& root, const std::vector<std::string>& args);
// cobra's `help [command]`.
void add_help_command(cli::Command& root, Context& ctx);

// The error helm's start-up gives when its registry client cannot be made from the credentials file at
// `path` (registry.cpp): none when the file is missing, blank or plainly valid, else helm's loader decides.
std::optional<std::string> registry_config_error(Context& ctx, const std::string& path);

// Whether any plugin could be installed: HELM_NO_PLUGINS is not 1 and a plugins directory has entries.
bool plugins_may_exist(const Context& ctx);

// CLI plugins (helm's loadCLIPlugins, plugin_commands.cpp). When the command line's command word names
// an installed CLI plugin, runs it and returns the exit status (a plugin's own status is thrown as an
// Error); otherwise nothing. Plugins are looked up only if the plugins directories have entries.
std::optional<int> run_plugin_if_named(cli::Command& root, Context& ctx, const std::vector<std::string>& args);
// Adds the installed CLI plugins to the root as commands, for its help listing, docs and, given the
// words of a completion request, completion (their completion.yaml and plugin.complete included;
// only when the words' command is a plugin or is being completed).
void add_plugin_commands(cli::Command& root, Context& ctx, const std::vector<std::string>* completing = nullptr);

// Builds the whole command tree under `root`.
void build_commands(cli::Command& root, Context& ctx);

// helm's root help text.
extern const char* const kRootLong;

}  // namespace cpphelm::app
