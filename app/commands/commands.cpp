#include <cstdlib>
#include <map>

#include "commands/catalog.hpp"
#include "commands/context.hpp"
#include "cpphelm/client.hpp"
#include "cpphelm/errors.hpp"

namespace cpphelm::app {

namespace {

// The issue that brings each not-yet-implemented command family.
std::string pending_issue(const std::string& path) {
    static const std::map<std::string, std::string> by_first_word{
        {"repo", "#5"}, {"search", "#5"}, {"pull", "#5"}, {"push", "#5"}, {"registry", "#5"}, {"verify", "#5"},
    };
    auto it = by_first_word.find(path.substr(0, path.find(' ')));
    return it == by_first_word.end() ? "#3" : it->second;
}

}  // namespace

void prefer_fewer_gc_cycles() { ::setenv("GOGC", "400", /*overwrite=*/0); }

const std::vector<CatalogEntry>& catalog() {
    static const std::vector<CatalogEntry> all = [] {
        std::vector<CatalogEntry> v;
        for (const auto* part : {&catalog_chart(), &catalog_release(), &catalog_tooling()})
            v.insert(v.end(), part->begin(), part->end());
        return v;
    }();
    return all;
}

void build_commands(cli::Command& root, Context& ctx) {
    add_global_flags(root, ctx);
    std::map<std::string, cli::Command*> by_path{{"", &root}};
    for (const auto& e : catalog()) {
        std::string path = e.path;
        auto sp = path.rfind(' ');
        cli::Command* parent = by_path.at(sp == std::string::npos ? "" : path.substr(0, sp));
        auto& c = parent->add(e.use, e.short_help, e.long_help);
        c.aliases(e.aliases).args(e.args).hidden(e.hidden);
        by_path[path] = &c;
    }
    add_help_command(root, ctx);
    const std::pair<const char*, void (*)(cli::Command&, Context&)> setups[] = {
        {"template", setup_template},
        {"version", setup_version},
        {"env", setup_env},
        {"create", setup_create},
        {"lint", setup_lint},
        {"show all", setup_show},
        {"show chart", setup_show},
        {"show values", setup_show},
        {"show readme", setup_show},
        {"show crds", setup_show},
        {"package", setup_package},
        {"dependency list", setup_dependency},
        {"dependency update", setup_dependency},
        {"dependency build", setup_dependency},
        {"install", setup_install},
        {"upgrade", setup_upgrade},
        {"rollback", setup_rollback},
        {"uninstall", setup_uninstall},
        {"list", setup_list},
        {"status", setup_status},
        {"history", setup_history},
        {"get all", setup_get},
        {"get hooks", setup_get},
        {"get manifest", setup_get},
        {"get metadata", setup_get},
        {"get notes", setup_get},
        {"get values", setup_get},
        {"test", setup_release_test},
        {"repo add", setup_repo_add},
        {"repo index", setup_repo_index},
        {"repo list", setup_repo_list},
        {"repo remove", setup_repo_remove},
        {"repo update", setup_repo_update},
        {"search hub", setup_search_hub},
        {"search repo", setup_search_repo},
        {"pull", setup_pull},
        {"push", setup_push},
        {"registry login", setup_registry_login},
        {"verify", setup_verify},
        {"plugin install", setup_plugin_install},
        {"plugin list", setup_plugin_list},
        {"plugin package", setup_plugin_package},
        {"plugin verify", setup_plugin_verify},
        {"completion bash", setup_completion},
        {"completion zsh", setup_completion},
        {"completion fish", setup_completion},
        {"completion powershell", setup_completion},
        {"docs", setup_docs},
    };
    for (const auto& [path, fn] : setups)
        by_path.at(path)->setup([fn = fn, &ctx](cli::Command& c) { fn(c, ctx); });

    // Commands not built yet say so plainly; their help and argument checks already match helm.
    // A command's setup (run when it is used) replaces this with its real run step.
    for (const auto& e : catalog()) {
        cli::Command& c = *by_path.at(e.path);
        bool group = std::string(e.path) != "" && !c.children().empty();
        if (c.runnable() || group) continue;
        std::string path = e.path;
        c.run([path](const cli::Invocation&) {
            throw Error(ErrorKind::Failed, "cpphelm does not implement \"helm " + path + "\" yet (see issue " +
                                               pending_issue(path) + ")");
        });
    }
}

}  // namespace cpphelm::app

namespace cpphelm::app {

namespace {

// The kube settings a completion line carries (cobra parses the line's flags before it asks the
// ValidArgsFunction); the rest comes from the environment.
GlobalSettings settings_from_words(GlobalSettings s, const std::vector<std::string>& words) {
    for (size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        auto value = [&](const std::string& name, std::string& into) {
            if (w == name && i + 1 < words.size()) {
                into = words[++i];
                return true;
            }
            if (w.rfind(name + "=", 0) == 0) {
                into = w.substr(name.size() + 1);
                return true;
            }
            return false;
        };
        if (value("--namespace", s.namespace_) || value("-n", s.namespace_) ||
            value("--kube-context", s.kube_context) || value("--kubeconfig", s.kubeconfig))
            continue;
    }
    return s;
}

}  // namespace

void complete_release_names(cli::Command& c, Context& ctx, int position, int max_args, int revisions_at) {
    c.complete_args([&ctx, position, max_args, revisions_at](const std::vector<std::string>& args,
                                               const std::vector<std::string>& words, const std::string&,
                                               std::vector<std::string>& lines, int& directive) {
        constexpr int kNoFileComp = 4;
        if (revisions_at >= 0 && static_cast<int>(args.size()) == revisions_at) {
            // rollback's REVISION: helm's compListRevisions (cobra's error directive when it fails).
            try {
                lines = Client(ctx.backend()).complete_revisions({settings_from_words(ctx.settings, words), args.at(0)});
                directive = kNoFileComp;
            } catch (const Error&) {
                lines.clear();
                directive = 1;
            }
            return true;
        }
        if (position >= 0 && static_cast<int>(args.size()) != position) {
            if (static_cast<int>(args.size()) < max_args) return false;  // another kind of argument
            lines = {"_activeHelp_ This command does not take any more arguments (but may accept flags)."};
            directive = kNoFileComp;
            return true;
        }
        CompleteReleasesRequest req{settings_from_words(ctx.settings, words), position < 0 ? args : std::vector<std::string>{}};
        try {
            lines = Client(ctx.backend()).complete_releases(req);
            directive = kNoFileComp;
        } catch (const Error&) {
            lines.clear();
            directive = 0;  // cobra's ShellCompDirectiveDefault when the lookup fails
        }
        return true;
    });
}

}  // namespace cpphelm::app
