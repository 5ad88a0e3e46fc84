#include <memory>
#include <ostream>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "gotext/goparse.hpp"
#include "cpphelm/client.hpp"
#include "progress.hpp"

namespace cpphelm::app {

namespace {

size_t rune_count(const std::string& s) {
    size_t n = 0;
    for (unsigned char ch : s)
        if ((ch & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace

// `rollback <RELEASE> [REVISION]`.
void setup_rollback(cli::Command& c, Context& ctx) {
    complete_release_names(c, ctx, 0, 2, 1);
    auto req = std::make_shared<RollbackRequest>();
    cli::string_flag(c, "description", 0, req->revision.description,
                     "add a custom description for the rollback (max 256 characters)");
    cli::bool_flag(c, "no-hooks", 0, req->revision.no_hooks, "prevent hooks from running during rollback");
    add_revision_flags(c, req->revision, "rollback", ctx.settings.max_history);
    add_progress_flag(c, ctx);
    c.run([req, &ctx](const cli::Invocation& inv) {
        ProgressScope progress(ctx);
        req->settings = ctx.settings;
        req->release = inv.args.at(0);
        if (inv.args.size() > 1) req->revision_arg = inv.args[1];
        // helm checks the revision and the description before it reads --dry-run (and warns).
        if ((req->revision_arg.empty() || goparse::atoi(req->revision_arg)) && rune_count(req->revision.description) <= 256)
            warn_dry_run(req->revision.dry_run);
        *ctx.out << Client(ctx.backend()).rollback(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
