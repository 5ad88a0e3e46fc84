#include <memory>
#include <ostream>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"

namespace cpphelm::app {

void setup_package(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<PackageRequest>();
    req->keyring = default_keyring(ctx.env);
    add_sign_flags(c, req->sign, req->key, req->keyring, req->passphrase_file, "package", "in order to read");
    cli::string_flag(c, "version", 0, req->version, "set the version on the chart to this semver version");
    cli::string_flag(c, "app-version", 0, req->app_version, "set the appVersion on the chart to this version");
    cli::string_flag(c, "destination", 'd', req->destination, "location to write the chart.");
    cli::bool_flag(c, "dependency-update", 'u', req->dependency_update,
                   "update dependencies from \"Chart.yaml\" to dir \"charts/\" before packaging");
    add_download_flags(c, req->download);
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->paths = inv.args;
        *ctx.out << Client(ctx.backend()).package(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
