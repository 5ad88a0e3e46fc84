#include <memory>
#include <ostream>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "cpphelm/client.hpp"

namespace cpphelm::app {

void setup_create(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<CreateRequest>();
    cli::string_flag(c, "starter", 'p', req->starter, "the name or absolute path to Helm starter scaffold");
    auto& api = cli::string_flag(c, "chart-api-version", 0, req->chart_api_version,
                                 "chart API version to use (v2 or v3)");
    // Shown only when the chart v3 feature gate is on, as in helm.
    if (ctx.env("HELM_EXPERIMENTAL_CHART_V3").value_or("").empty()) cli::hide(api);
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->name = inv.args[0];
        req->starter_dir = ctx.settings.paths.data_home + "/starters";
        *ctx.out << "Creating " << req->name << "\n";
        *ctx.out << Client(ctx.backend()).create(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
