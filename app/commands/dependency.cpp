#include <memory>
#include <ostream>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"

namespace cpphelm::app {

namespace {

// helm's addDependencySubcommandFlags (update and build).
void add_dependency_flags(cli::Command& c, DependencyRequest& r, const EnvLookup& env) {
    r.keyring = default_keyring(env);
    cli::bool_flag(c, "verify", 0, r.verify, "verify the packages against signatures");
    cli::string_flag(c, "keyring", 0, r.keyring, "keyring containing public keys");
    cli::bool_flag(c, "skip-refresh", 0, r.skip_refresh, "do not refresh the local repository cache");
    add_download_flags(c, r.download);
}

}  // namespace

void setup_dependency(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<DependencyRequest>();
    req->action = c.name();
    if (c.name() == "list")
        cli::uint_flag(c, "max-col-width", 0, req->max_col_width, "maximum column width for output table");
    else
        add_dependency_flags(c, *req, ctx.env);
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        if (!inv.args.empty()) req->chart_path = clean_path(inv.args[0]);
        *ctx.out << Client(ctx.backend()).dependency(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
