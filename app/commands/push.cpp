#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"

namespace cpphelm::app {

// `push [chart] [remote]`. The run step comes with the registry commands.
void setup_push(cli::Command& c, Context& ctx) {
    auto req = ctx.make_request<PushRequest>();
    DownloadOptions& d = req->download;
    add_registry_client_flags(c, d, "chart upload");
    cli::string_flag(c, "username", 0, d.username, "chart repository username where to locate the requested chart");
    cli::string_flag(c, "password", 0, d.password, "chart repository password where to locate the requested chart");
}

}  // namespace cpphelm::app
