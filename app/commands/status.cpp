#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"

namespace cpphelm::app {

// `status RELEASE_NAME`. The run step comes with the release commands.
void setup_status(cli::Command& c, Context& ctx) {
    auto req = ctx.make_request<StatusRequest>();
    cli::int_flag(c, "revision", 0, req->revision, "if set, display the status of the named release with revision");
    add_output_flag(c, req->output);
}

}  // namespace cpphelm::app
