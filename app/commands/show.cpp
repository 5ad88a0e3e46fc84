#include <memory>
#include <ostream>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"

namespace cpphelm::app {

// `show all|chart|values|readme|crds`: one request per subcommand, as helm binds flags per command.
void setup_show(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<ShowRequest>();
    req->format = c.name();
    req->chart.keyring = default_keyring(ctx.env);
    cli::bool_flag(c, "devel", 0, req->devel,
                   "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this "
                   "is ignored");
    if (c.name() == "values")
        cli::string_flag(c, "jsonpath", 0, req->jsonpath, "supply a JSONPath expression to filter the output");
    add_chart_path_flags(c, req->chart);
    complete_chart_refs(c, ctx, {0, true, false, true});
    complete_version_flag(c, ctx, 0);
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->chart_ref = inv.args[0];
        *ctx.out << Client(ctx.backend()).show(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
