#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"

namespace cpphelm::app {

// `get all|hooks|manifest|metadata|notes|values RELEASE_NAME`: one request per subcommand, as helm
// binds flags per command. The run step comes with the release commands.
void setup_get(cli::Command& c, Context& ctx) {
    auto req = ctx.make_request<GetRequest>();
    req->what = c.name();
    cli::int_flag(c, "revision", 0, req->revision,
                  req->what == "metadata" ? "specify release revision" : "get the named release with revision");
    if (req->what == "all")
        cli::string_flag(c, "template", 0, req->template_,
                         "go template for formatting the output, eg: {{.Release.Name}}");
    if (req->what == "values") cli::bool_flag(c, "all", 'a', req->all_values, "dump all (computed) values");
    if (req->what == "metadata" || req->what == "values") add_output_flag(c, req->output);
}

}  // namespace cpphelm::app
