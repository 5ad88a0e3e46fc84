#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"

namespace cpphelm::app {

// `registry login [host]` (`registry logout` has no flags). The run step comes with the registry commands.
void setup_registry_login(cli::Command& c, Context& ctx) {
    auto req = ctx.make_request<RegistryLoginRequest>();
    DownloadOptions& d = req->download;
    cli::string_flag(c, "username", 'u', d.username, "registry username");
    cli::string_flag(c, "password", 'p', d.password, "registry password or identity token");
    cli::bool_flag(c, "password-stdin", 0, req->password_stdin, "read password or identity token from stdin");
    cli::bool_flag(c, "insecure", 0, d.insecure_skip_tls_verify, "allow connections to TLS registry without certs");
    add_registry_tls_flags(c, d, "chart upload");
}

}  // namespace cpphelm::app
