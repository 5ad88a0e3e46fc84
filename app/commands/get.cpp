#include <memory>
#include <ostream>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"

namespace cpphelm::app {

// `get all|hooks|manifest|metadata|notes|values RELEASE_NAME`: one request per subcommand, as helm
// binds flags per command.
void setup_get(cli::Command& c, Context& ctx) {
    complete_release_names(c, ctx, 0, 1);
    auto req = std::make_shared<GetRequest>();
    req->what = c.name();
    cli::int_flag(c, "revision", 0, req->revision,
                  req->what == "metadata" ? "specify release revision" : "get the named release with revision");
    complete_revision_flag(c, ctx);
    if (req->what == "all")
        cli::string_flag(c, "template", 0, req->template_,
                         "go template for formatting the output, eg: {{.Release.Name}}");
    if (req->what == "values") cli::bool_flag(c, "all", 'a', req->all_values, "dump all (computed) values");
    if (req->what == "metadata" || req->what == "values") add_output_flag(c, req->output);
    prefer_fewer_gc_cycles(ctx);  // before the runtime starts, which may be before the run step (memory driver)
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->release = inv.args.at(0);
        *ctx.out << Client(ctx.backend()).get(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
