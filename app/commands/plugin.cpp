#include <algorithm>
#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"
#include "cpphelm/local.hpp"

namespace cpphelm::app {

// `plugin install|list|uninstall|update|package|verify`, over helm's own plugin package in the shim.
void setup_plugin_install(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<PluginInstallRequest>();
    req->keyring = default_keyring(ctx.env);
    cli::string_flag(c, "version", 0, req->version,
                     "specify a version constraint. If this is not specified, the latest version is installed");
    cli::bool_flag(c, "verify", 0, req->verify, "verify the plugin signature before installing");
    cli::string_flag(c, "keyring", 0, req->keyring, "location of public keys used for verification");
    DownloadOptions& d = req->download;
    add_registry_client_flags(c, d, "plugin download");
    cli::string_flag(c, "username", 0, d.username, "registry username");
    cli::string_flag(c, "password", 0, d.password, "registry password");
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->source = inv.args.at(0);
        *ctx.out << Client(ctx.backend()).plugin_install(*req).stdout_bytes;
    });
}

void setup_plugin_list(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<PluginListRequest>();
    cli::string_flag(c, "type", 0, req->type, "Plugin type");
    c.run([req, &ctx](const cli::Invocation&) {
        req->settings = ctx.settings;
        if (auto table = ctx.local_answers ? local::plugin_list(*req) : std::nullopt) {
            *ctx.out << *table;  // no plugin installed: helm's table header alone
            return;
        }
        *ctx.out << Client(ctx.backend()).plugin_list(*req).stdout_bytes;
    });
}

// `plugin uninstall` and `plugin update` (no flags): the named plugins, one line each.
void setup_plugin_names(cli::Command& c, Context& ctx) {
    bool update = c.name() == "update";
    // helm's compListPlugins: the installed CLI plugins not named yet, by their metadata name.
    c.complete_args([&ctx](const std::vector<std::string>& args, const std::vector<std::string>&, const std::string&,
                           std::vector<std::string>& lines, int& directive) {
        directive = 4;  // cobra's ShellCompDirectiveNoFileComp
        if (!plugins_may_exist(ctx)) return true;
        for (const auto& p : Client(ctx.backend()).plugin_commands({ctx.settings, false}))
            if (std::find(args.begin(), args.end(), p.plugin_name) == args.end())
                lines.push_back(p.plugin_name + "\t" + p.short_help);
        return true;
    });
    c.run([update, &ctx](const cli::Invocation& inv) {
        PluginNamesRequest req{ctx.settings, inv.args};
        Client client(ctx.backend());
        *ctx.out << (update ? client.plugin_update(req) : client.plugin_uninstall(req)).stdout_bytes;
    });
}

void setup_plugin_package(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<PluginPackageRequest>();
    req->keyring = default_keyring(ctx.env);
    add_sign_flags(c, req->sign, req->key, req->keyring, req->passphrase_file, "plugin", "to read");
    cli::string_flag(c, "destination", 'd', req->destination, "location to write the plugin tarball.");
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->path = inv.args.at(0);
        *ctx.out << Client(ctx.backend()).plugin_package(*req).stdout_bytes;
    });
}

void setup_plugin_verify(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<PluginVerifyRequest>();
    req->keyring = default_keyring(ctx.env);
    cli::string_flag(c, "keyring", 0, req->keyring, "keyring containing public keys");
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->path = inv.args.at(0);
        *ctx.out << Client(ctx.backend()).plugin_verify(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
