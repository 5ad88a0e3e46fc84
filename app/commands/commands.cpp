#include <map>

#include "commands/catalog.hpp"
#include "commands/context.hpp"
#include "cpphelm/errors.hpp"

namespace cpphelm::app {

namespace {

// The issue that brings each not-yet-implemented command family.
std::string pending_issue(const std::string& path) {
    static const std::map<std::string, std::string> by_first_word{
        {"install", "#4"}, {"upgrade", "#4"}, {"rollback", "#4"}, {"uninstall", "#4"}, {"list", "#4"},
        {"status", "#4"},  {"history", "#4"}, {"get", "#4"},      {"test", "#4"},      {"repo", "#5"},
        {"search", "#5"},  {"pull", "#5"},    {"push", "#5"},     {"registry", "#5"},  {"verify", "#5"},
    };
    auto it = by_first_word.find(path.substr(0, path.find(' ')));
    return it == by_first_word.end() ? "#3" : it->second;
}

}  // namespace

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
    setup_template(*by_path.at("template"), ctx);
    setup_version(*by_path.at("version"), ctx);
    setup_env(*by_path.at("env"), ctx);
    setup_create(*by_path.at("create"), ctx);
    setup_lint(*by_path.at("lint"), ctx);
    setup_show(*by_path.at("show"), ctx);
    setup_package(*by_path.at("package"), ctx);
    setup_dependency(*by_path.at("dependency"), ctx);

    // Commands not built yet say so plainly; their help and argument checks already match helm.
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
