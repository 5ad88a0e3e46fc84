#include <memory>
#include <ostream>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"

namespace cpphelm::app {

void setup_lint(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<LintRequest>();
    cli::bool_flag(c, "strict", 0, req->strict, "fail on lint warnings");
    cli::bool_flag(c, "with-subcharts", 0, req->with_subcharts, "lint dependent charts");
    cli::bool_flag(c, "quiet", 0, req->quiet, "print only warnings and errors");
    cli::bool_flag(c, "skip-schema-validation", 0, req->skip_schema_validation,
                   "if set, disables JSON schema validation");
    cli::string_flag(c, "kube-version", 0, req->kube_version,
                     "Kubernetes version used for capabilities and deprecation checks");
    add_values_flags(c, req->values);
    // helm's deprecation check builds a whole Kubernetes scheme for every manifest it lints (about
    // 230 KiB of garbage each): a 200% target halves the collections; the heap stays small.
    prefer_fewer_gc_cycles(ctx, 200);  // before the runtime starts, which may be before the run step (memory driver)
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->paths = inv.args;
        *ctx.out << Client(ctx.backend()).lint(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
