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
    cli::bool_flag(c, "sign", 0, req->sign, "use a PGP private key to sign this package");
    cli::string_flag(c, "key", 0, req->key, "name of the key to use when signing. Used if --sign is true");
    cli::string_flag(c, "keyring", 0, req->keyring, "location of a public keyring");
    cli::string_flag(c, "passphrase-file", 0, req->passphrase_file,
                     "location of a file which contains the passphrase for the signing key. Use \"-\" in order to "
                     "read from stdin.");
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
