#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"

#include <memory>
#include <ostream>

namespace cpphelm::app {

// `registry login [host]`; extra arguments are ignored, as helm ignores them.
void setup_registry_login(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<RegistryLoginRequest>();
    DownloadOptions& d = req->download;
    cli::string_flag(c, "username", 'u', d.username, "registry username");
    cli::string_flag(c, "password", 'p', d.password, "registry password or identity token");
    cli::bool_flag(c, "password-stdin", 0, req->password_stdin, "read password or identity token from stdin");
    cli::bool_flag(c, "insecure", 0, d.insecure_skip_tls_verify, "allow connections to TLS registry without certs");
    add_registry_tls_flags(c, d, "chart upload");
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->host = inv.args.at(0);
        *ctx.out << Client(ctx.backend()).registry_login(*req).stdout_bytes;
    });
}

// `registry logout [host]` (no flags of its own).
void setup_registry_logout(cli::Command& c, Context& ctx) {
    c.run([&ctx](const cli::Invocation& inv) {
        RegistryLogoutRequest req{ctx.settings, inv.args.at(0)};
        *ctx.out << Client(ctx.backend()).registry_logout(req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
