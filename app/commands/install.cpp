#include <memory>
#include <ostream>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"
#include "progress.hpp"

namespace cpphelm::app {

// `install [NAME] [CHART]`: the install flags plus what only install has (--hide-secret, --dry-run,
// -o, the post-renderer).
void setup_install(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<InstallRequest>();
    req->chart.keyring = default_keyring(ctx.env);
    add_install_flags(c, req->install, req->values, req->chart);
    cli::bool_flag(c, "hide-secret", 0, req->hide_secret, "hide Kubernetes Secrets when also using the --dry-run flag");
    add_dry_run_flag(c, req->dry_run);
    add_output_flag(c, req->output);
    add_post_render_flags(c, req->install);
    complete_chart_refs(c, ctx, {1, true, true, false});
    complete_version_flag(c, ctx, 1, true);
    add_progress_flag(c, ctx);
    c.run([req, &ctx](const cli::Invocation& inv) {
        ProgressScope progress(ctx);
        warn_dry_run(req->dry_run);
        req->settings = ctx.settings;
        req->args = inv.args;
        *ctx.out << Client(ctx.backend()).install(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
