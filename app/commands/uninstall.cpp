#include <memory>
#include <ostream>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"
#include "progress.hpp"

namespace cpphelm::app {

// `uninstall RELEASE_NAME [...]`.
void setup_uninstall(cli::Command& c, Context& ctx) {
    complete_release_names(c, ctx, -1, 0);
    auto req = std::make_shared<UninstallRequest>();
    cli::bool_flag(c, "dry-run", 0, req->dry_run, "simulate a uninstall");
    cli::bool_flag(c, "no-hooks", 0, req->no_hooks, "prevent hooks from running during uninstallation");
    cli::bool_flag(c, "ignore-not-found", 0, req->ignore_not_found,
                   "Treat \"release not found\" as a successful uninstall");
    cli::bool_flag(c, "keep-history", 0, req->keep_history,
                   "remove all associated resources and mark the release as deleted, but retain the release history");
    cli::string_flag(c, "cascade", 0, req->cascade,
                     "Must be \"background\", \"orphan\", or \"foreground\". Selects the deletion cascading strategy "
                     "for the dependents. Defaults to background. Use \"foreground\" with --wait to ensure resources "
                     "with finalizers are fully deleted before returning.");
    add_timeout_flag(c, req->timeout);
    cli::string_flag(c, "description", 0, req->description, "add a custom description");
    add_wait_flag(c, req->wait);
    add_progress_flag(c, ctx);
    c.run([req, &ctx](const cli::Invocation& inv) {
        ProgressScope progress(ctx);
        req->settings = ctx.settings;
        req->releases = inv.args;
        *ctx.out << Client(ctx.backend()).uninstall(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
