#include <memory>
#include <ostream>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"
#include "progress.hpp"

namespace cpphelm::app {

// `test [RELEASE]`.
void setup_release_test(cli::Command& c, Context& ctx) {
    complete_release_names(c, ctx, 0, 1);
    auto req = std::make_shared<ReleaseTestRequest>();
    add_timeout_flag(c, req->timeout);
    cli::bool_flag(c, "logs", 0, req->logs,
                   "dump the logs from test pods (this runs after all tests are complete, but before any cleanup)");
    cli::string_slice_flag(c, "filter", 0, req->filter,
                           "specify tests by attribute (currently \"name\") using attribute=value syntax or "
                           "'!attribute=value' to exclude a test (can specify multiple or separate values with "
                           "commas: name=test1,name=test2)");
    add_progress_flag(c, ctx);
    c.run([req, &ctx](const cli::Invocation& inv) {
        ProgressScope progress(ctx);
        req->settings = ctx.settings;
        req->release = inv.args.at(0);
        *ctx.out << Client(ctx.backend()).release_test(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
