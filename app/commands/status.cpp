#include <memory>
#include <ostream>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"

namespace cpphelm::app {

// `status RELEASE_NAME`.
void setup_status(cli::Command& c, Context& ctx) {
    complete_release_names(c, ctx, 0, 1);
    auto req = std::make_shared<StatusRequest>();
    cli::int_flag(c, "revision", 0, req->revision, "if set, display the status of the named release with revision");
    complete_revision_flag(c, ctx);
    add_output_flag(c, req->output);
    prefer_fewer_gc_cycles(ctx);  // before the runtime starts, which may be before the run step (memory driver)
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->release = inv.args.at(0);
        *ctx.out << Client(ctx.backend()).status(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
