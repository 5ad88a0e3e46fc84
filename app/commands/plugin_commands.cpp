#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/argv.hpp"
#include "commands/context.hpp"
#include "cpphelm/client.hpp"

namespace cpphelm::app {

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

namespace {


// helm's addPluginCommands: a plugin's completion.yaml becomes sub-commands, flags (any type will
// do for completion; pflag needs a long name for a short one, so they are paired up as helm pairs
// them) and fixed arguments; a plugin (or sub-command) without sub-commands asks plugin.complete.
void apply_completion(cli::Command& c, Context& ctx, const std::string& plugin, const std::vector<std::string>& path,
                      const PluginCompletionTree& t, const std::vector<std::string>& line) {
    c.valid_args(t.valid_args);
    std::vector<std::string> shorts, longs;
    for (const auto& f : t.flags) (f.size() == 1 ? shorts : longs).push_back(f);
    auto fake = [&c](const std::string& name, char shorthand) {
        cli::Flag f;
        f.name = name;
        f.shorthand = shorthand;
        f.type = "bool";
        f.def = "false";
        f.noopt = "true";
        c.add_flag(std::move(f));
    };
    if (longs.size() >= shorts.size()) {
        for (size_t i = 0; i < longs.size(); ++i) fake(longs[i], i < shorts.size() ? shorts[i][0] : 0);
    } else {
        for (size_t i = 0; i < shorts.size(); ++i) fake(i < longs.size() ? longs[i] : shorts[i], shorts[i][0]);
    }
    if (!t.has_commands) {
        c.complete_args([&ctx, plugin, path, line](const std::vector<std::string>& args,
                                                   const std::vector<std::string>&, const std::string& to_complete,
                                                   std::vector<std::string>& lines, int& directive) {
            Completion got = Client(ctx.backend()).plugin_complete({ctx.settings, plugin, path, args, to_complete, line});
            lines = std::move(got.lines);
            directive = got.directive;
            return true;
        });
    }
    for (const auto& sub : t.commands) {
        if (sub.name.empty()) continue;  // helm leaves such an entry without a name: nothing completes it
        auto& child = c.add(sub.name, "", "").disable_flag_parsing().run([](const cli::Invocation&) {});
        std::vector<std::string> below = path;
        below.push_back(sub.name);
        apply_completion(child, ctx, plugin, below, sub, line);
    }
}

// The CLI plugins helm makes commands of, in its order: it stops at the first whose command name is
// taken (by one of its own commands or an earlier plugin), and says so.
std::vector<PluginCommand> usable_plugins(const cli::Command& root, Context& ctx, bool completion) {
    std::vector<PluginCommand> out;
    for (PluginCommand& p : Client(ctx.backend()).plugin_commands({ctx.settings, completion})) {
        bool taken = std::any_of(root.children().begin(), root.children().end(), [&p](const auto& c) {
                         return c->name() == p.name && c->name() != "help";  // cobra adds help later
                     }) ||
                     std::any_of(out.begin(), out.end(), [&p](const PluginCommand& q) { return q.name == p.name; });
        if (taken) {
            std::cerr << "level=ERROR msg=\"failed to load plugins: name conflicts\" name=" << p.name << "\n";
            break;
        }
        out.push_back(std::move(p));
    }
    return out;
}

// Adds the plugins to the root as commands (once): run through run_plugin_if_named before parsing,
// they are here for help, suggestions, completion and docs.
void add_plugins(cli::Command& root, Context& ctx, const std::vector<PluginCommand>& plugins,
                 const std::vector<std::string>* completing) {
    if (ctx.plugins_added) return;
    ctx.plugins_added = true;
    for (const PluginCommand& p : plugins) {
        auto& c = root.add(p.use, p.short_help, p.long_help).disable_flag_parsing().run([](const cli::Invocation&) {});
        if (completing) apply_completion(c, ctx, p.name, {}, p.completion.value_or(PluginCompletionTree{}), *completing);
    }
}

}  // namespace

std::optional<int> run_plugin_if_named(cli::Command& root, Context& ctx, const std::vector<std::string>& args) {
    auto words = cli::strip_flags(root, args);
    if (words.empty() || root.find_child(words[0])) return std::nullopt;
    // Not one of helm's commands: with the plugins in the tree (also for the parser's "did you mean"
    // suggestions), cobra's Find decides, as in helm.
    add_plugin_commands(root, ctx);
    cli::Command* plugin = root.find_child(words[0]);
    if (!plugin || !plugin->flag_parsing_disabled()) return std::nullopt;
    // Every other word goes to the plugin (cobra does not parse a plugin's flags); the shim picks out
    // helm's own flags among them, as helm's processParent does.
    Client(ctx.backend()).run_plugin({ctx.settings, plugin->name(), cli::find_command(root, args).rest});
    return 0;
}

void add_plugin_commands(cli::Command& root, Context& ctx, const std::vector<std::string>* completing) {
    if (completing && !completing->empty()) {
        // Plugins change a completion only when the command word is being completed or is not one
        // of helm's; the rest never waits for the Go runtime on their account.
        auto words = cli::strip_flags(root, {completing->begin(), completing->end() - 1});
        if (!words.empty() && root.find_child(words[0])) return;
    }
    if (!ctx.plugins_added && plugins_may_exist(ctx)) add_plugins(root, ctx, usable_plugins(root, ctx, completing != nullptr), completing);
}

}  // namespace cpphelm::app
