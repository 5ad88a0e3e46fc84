#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"

namespace cpphelm::app {

// `history RELEASE_NAME`. The run step comes with the release commands.
void setup_history(cli::Command& c, Context& ctx) {
    auto req = ctx.make_request<HistoryRequest>();
    cli::int_flag(c, "max", 0, req->max, "maximum number of revision to include in history");
    cli::bool_flag(c, "show-rollback-revision", 0, req->show_rollback_revision,
                   "show the rollback revision column in table output");
    add_output_flag(c, req->output);
}

}  // namespace cpphelm::app
