#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"

#include <memory>
#include <ostream>

namespace cpphelm::app {

// `verify PATH`.
void setup_verify(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<VerifyRequest>();
    req->keyring = default_keyring(ctx.env);
    cli::string_flag(c, "keyring", 0, req->keyring, "keyring containing public keys");
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->path = inv.args.at(0);
        *ctx.out << Client(ctx.backend()).verify(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
