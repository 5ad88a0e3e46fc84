#include <cstdlib>
#include <map>
#include <string>

#include "commands/catalog.hpp"
#include "cli/complete.hpp"
#include "commands/context.hpp"
#include "cpphelm/errors.hpp"

namespace cpphelm::app {

void prefer_fewer_gc_cycles(Context& ctx, int percent) { ctx.gc_percent = percent; }

const std::vector<CatalogEntry>& catalog() {
    static const std::vector<CatalogEntry> all = [] {
        std::vector<CatalogEntry> v;
        for (const auto* part : {&catalog_chart(), &catalog_release(), &catalog_tooling(), &catalog_cpphelm()})
            v.insert(v.end(), part->begin(), part->end());
        return v;
    }();
    return all;
}

void fixed_args(cli::Command& c, FixedArgs rule) {
    c.complete_args([rule](const std::vector<std::string>& args, const std::vector<std::string>&, const std::string&,
                           std::vector<std::string>& lines, int& directive) {
        int at = static_cast<int>(args.size());
        directive = 4;  // cobra's ShellCompDirectiveNoFileComp
        if (at == rule.values_at) {
            lines = rule.values;
            directive |= 2;  // NoSpace: the value is a prefix ("oci://")
        } else if (at < rule.files) {
            directive = 0;  // cobra's default: files
        } else if (at >= rule.quiet) {
            lines.push_back(cli::kNoMoreArgsHelp);
        }
        return true;
    });
}

bool is_cpphelm_command(const std::string& path) {
    for (const auto& e : catalog_cpphelm())
        if (path == e.path) return true;
    return false;
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
        {"unlock", setup_unlock},
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
        {"registry logout", setup_registry_logout},
        {"verify", setup_verify},
        {"plugin install", setup_plugin_install},
        {"plugin list", setup_plugin_list},
        {"plugin uninstall", setup_plugin_names},
        {"plugin update", setup_plugin_names},
        {"plugin package", setup_plugin_package},
        {"plugin verify", setup_plugin_verify},
        {"completion bash", setup_completion},
        {"completion zsh", setup_completion},
        {"completion fish", setup_completion},
        {"completion powershell", setup_completion},
        {"docs", setup_docs},
    };
    // Commands helm gives a ValidArgsFunction whose answers need no lookup of ours (fixed rules: no more
    // arguments, environment names, files); those with a lookup have complete_args. cobra's legacy bash
    // script (docs --type bash) marks both.
    for (const char* path : {"completion bash", "completion fish", "completion powershell", "completion zsh", "create",
                             "env", "list", "plugin install", "plugin list", "plugin uninstall", "plugin update", "push",
                             "registry login", "registry logout", "repo add", "repo index", "repo list", "verify",
                             "version"})
        by_path.at(path)->args_function();
    // Their answers, position by position (helm's ValidArgsFunctions; env's names are in setup_env).
    const FixedArgs path_then_done(1, 1), nothing(0, 1 << 30), done(0, 0);
    for (const char* path : {"create", "plugin install", "repo index", "verify"})
        fixed_args(*by_path.at(path), path_then_done);
    for (const char* path : {"completion bash", "completion fish", "completion powershell", "completion zsh", "list",
                             "plugin list", "repo list", "version", "docs"})
        fixed_args(*by_path.at(path), done);
    for (const char* path : {"registry login", "registry logout"}) fixed_args(*by_path.at(path), nothing);
    fixed_args(*by_path.at("repo add"), FixedArgs(0, 2));
    fixed_args(*by_path.at("push"), FixedArgs(1, 2, 1, {"oci://"}));
    // diff takes its words unparsed, as helm's plugin command does (run_diff_if_named runs it).
    by_path.at("diff")->disable_flag_parsing().run([](const cli::Invocation&) {});
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
            throw Error(ErrorKind::Failed, "cpphelm does not implement \"helm " + path + "\" yet");
        });
    }
}

}  // namespace cpphelm::app

