#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"

namespace cpphelm::app {

// `verify PATH`. The run step comes with the registry commands.
void setup_verify(cli::Command& c, Context& ctx) {
    auto req = ctx.make_request<VerifyRequest>();
    req->keyring = default_keyring(ctx.env);
    cli::string_flag(c, "keyring", 0, req->keyring, "keyring containing public keys");
}

}  // namespace cpphelm::app
