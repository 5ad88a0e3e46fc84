#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"

#include <memory>
#include <ostream>

namespace cpphelm::app {

// `pull [chart URL | repo/chartname] [...]`.
void setup_pull(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<PullRequest>();
    req->chart.keyring = default_keyring(ctx.env);
    cli::bool_flag(c, "devel", 0, req->devel,
                   "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is "
                   "ignored.");
    cli::bool_flag(c, "untar", 0, req->untar, "if set to true, will untar the chart after downloading it");
    cli::bool_flag(c, "prov", 0, req->prov, "fetch the provenance file, but don't perform verification");
    cli::string_flag(c, "untardir", 0, req->untardir,
                     "if untar is specified, this flag specifies the name of the directory into which the chart is "
                     "expanded");
    cli::string_flag(c, "destination", 'd', req->destination,
                     "location to write the chart. If this and untardir are specified, untardir is appended to this");
    add_chart_path_flags(c, req->chart);
    complete_chart_refs(c, ctx, {0, false, false, false});
    complete_version_flag(c, ctx, 0);
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->chart_refs = inv.args;
        *ctx.out << Client(ctx.backend()).pull(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
