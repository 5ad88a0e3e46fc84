#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"

#include <memory>
#include <ostream>

namespace cpphelm::app {

// `push [chart] [remote]`.
void setup_push(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<PushRequest>();
    DownloadOptions& d = req->download;
    add_registry_client_flags(c, d, "chart upload");
    cli::string_flag(c, "username", 0, d.username, "chart repository username where to locate the requested chart");
    cli::string_flag(c, "password", 0, d.password, "chart repository password where to locate the requested chart");
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->chart_path = inv.args.at(0);
        req->remote = inv.args.at(1);
        *ctx.out << Client(ctx.backend()).push(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
