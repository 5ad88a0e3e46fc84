#include <filesystem>

#include "commands/context.hpp"
#include "cpphelm/client.hpp"

namespace cpphelm::app {

namespace {

// Plugins are looked up only when some could be installed: helm's HELM_NO_PLUGINS=1 turns them off,
// and an empty or missing plugins directory has none (so most commands never start Go for them).
bool plugins_may_exist(const Context& ctx) {
    if (ctx.env("HELM_NO_PLUGINS").value_or("") == "1") return false;
    std::string dirs = ctx.settings.plugins_directory;
    for (size_t at = 0; at <= dirs.size();) {
        size_t end = dirs.find(':', at);
        if (end == std::string::npos) end = dirs.size();
        std::error_code ec;
        if (end > at && !std::filesystem::is_empty(dirs.substr(at, end - at), ec) && !ec) return true;
        at = end + 1;
    }
    return false;
}

// cobra's Find over the root: the first word that is not a flag, skipping the value of a root flag
// that takes one ("-n ns", "--kube-context x"); "" when there is none.
std::pair<std::string, size_t> command_word(const cli::Command& root, const std::vector<std::string>& args) {
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") break;
        if (a.size() < 2 || a[0] != '-') return {a, i};
        if (a.find('=') != std::string::npos) continue;
        const cli::Flag* f = a[1] == '-' ? root.lookup(a.substr(2)) : (a.size() == 2 ? root.lookup_short(a[1]) : nullptr);
        if (f && f->noopt.empty()) ++i;
    }
    return {"", args.size()};
}

}  // namespace

std::optional<int> run_plugin_if_named(cli::Command& root, Context& ctx, const std::vector<std::string>& args) {
    auto [word, at] = command_word(root, args);
    if (word.empty() || root.find_child(word) || word.rfind("__complete", 0) == 0 || !plugins_may_exist(ctx))
        return std::nullopt;
    Client client(ctx.backend());
    for (const PluginCommand& p : client.plugin_commands({ctx.settings})) {
        if (p.name != word) continue;
        // Every other word goes to the plugin (cobra does not parse a plugin's flags); the shim picks
        // out helm's own flags among them, as helm's processParent does.
        std::vector<std::string> rest(args.begin(), args.begin() + static_cast<long>(at));
        rest.insert(rest.end(), args.begin() + static_cast<long>(at) + 1, args.end());
        client.run_plugin({ctx.settings, p.name, rest});
        return 0;
    }
    return std::nullopt;
}

void add_plugin_commands(cli::Command& root, Context& ctx) {
    if (!plugins_may_exist(ctx)) return;
    for (const PluginCommand& p : Client(ctx.backend()).plugin_commands({ctx.settings})) {
        if (root.find_child(p.name)) continue;  // helm refuses a plugin named like one of its commands
        // Run through run_plugin_if_named before parsing; here for help, completion and docs.
        root.add(p.use, p.short_help, p.long_help).disable_flag_parsing().run([](const cli::Invocation&) {});
    }
}

}  // namespace cpphelm::app
