#include <memory>
#include <ostream>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"

namespace cpphelm::app {

// `unlock RELEASE_NAME` (cpphelm's own command).
void setup_unlock(cli::Command& c, Context& ctx) {
    complete_release_names(c, ctx, 0, 1);
    auto req = std::make_shared<UnlockRequest>();
    cli::duration_flag(c, "min-age", req->min_age,
                       "refuse to unlock a revision that has been pending for less than this (its operation may still "
                       "be running)");
    cli::bool_flag(c, "dry-run", 0, req->dry_run, "show what would change, without changing the release");
    add_output_flag(c, req->output);
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->release = inv.args.at(0);
        *ctx.out << Client(ctx.backend()).unlock(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
