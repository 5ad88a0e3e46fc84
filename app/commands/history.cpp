#include <memory>
#include <ostream>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"

namespace cpphelm::app {

// `history RELEASE_NAME`.
void setup_history(cli::Command& c, Context& ctx) {
    complete_release_names(c, ctx, 0, 1);
    auto req = std::make_shared<HistoryRequest>();
    cli::int_flag(c, "max", 0, req->max, "maximum number of revision to include in history");
    cli::bool_flag(c, "show-rollback-revision", 0, req->show_rollback_revision,
                   "show the rollback revision column in table output");
    add_output_flag(c, req->output);
    prefer_fewer_gc_cycles(ctx);  // before the runtime starts, which may be before the run step (memory driver)
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->release = inv.args.at(0);
        *ctx.out << Client(ctx.backend()).history(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
