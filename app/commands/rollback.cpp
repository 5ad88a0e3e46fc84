#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"

namespace cpphelm::app {

// `rollback <RELEASE> [REVISION]`. The run step comes with the release commands.
void setup_rollback(cli::Command& c, Context& ctx) {
    auto req = ctx.make_request<RollbackRequest>();
    cli::string_flag(c, "description", 0, req->revision.description,
                     "add a custom description for the rollback (max 256 characters)");
    cli::bool_flag(c, "no-hooks", 0, req->revision.no_hooks, "prevent hooks from running during rollback");
    add_revision_flags(c, req->revision, "rollback", ctx.settings.max_history);
}

}  // namespace cpphelm::app
