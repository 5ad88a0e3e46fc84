#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"

namespace cpphelm::app {

// `plugin install|list|package|verify` (`plugin uninstall` and `plugin update` have no flags).
// The run steps come with the plugin commands.
void setup_plugin_install(cli::Command& c, Context& ctx) {
    auto req = ctx.make_request<PluginInstallRequest>();
    req->keyring = default_keyring(ctx.env);
    cli::string_flag(c, "version", 0, req->version,
                     "specify a version constraint. If this is not specified, the latest version is installed");
    cli::bool_flag(c, "verify", 0, req->verify, "verify the plugin signature before installing");
    cli::string_flag(c, "keyring", 0, req->keyring, "location of public keys used for verification");
    DownloadOptions& d = req->download;
    add_registry_client_flags(c, d, "plugin download");
    cli::string_flag(c, "username", 0, d.username, "registry username");
    cli::string_flag(c, "password", 0, d.password, "registry password");
}

void setup_plugin_list(cli::Command& c, Context& ctx) {
    auto req = ctx.make_request<PluginListRequest>();
    cli::string_flag(c, "type", 0, req->type, "Plugin type");
}

void setup_plugin_package(cli::Command& c, Context& ctx) {
    auto req = ctx.make_request<PluginPackageRequest>();
    req->keyring = default_keyring(ctx.env);
    add_sign_flags(c, req->sign, req->key, req->keyring, req->passphrase_file, "plugin", "to read");
    cli::string_flag(c, "destination", 'd', req->destination, "location to write the plugin tarball.");
}

void setup_plugin_verify(cli::Command& c, Context& ctx) {
    auto req = ctx.make_request<PluginVerifyRequest>();
    req->keyring = default_keyring(ctx.env);
    cli::string_flag(c, "keyring", 0, req->keyring, "keyring containing public keys");
}

}  // namespace cpphelm::app
