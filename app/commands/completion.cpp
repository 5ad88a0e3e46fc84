#include <ostream>

#include "cli/completion_scripts.hpp"
#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "cpphelm/requests.hpp"

namespace cpphelm::app {

// `completion bash|zsh|fish|powershell`: each shell's command has its own --no-descriptions
// (the `completion` group itself has none). No Go: the scripts are part of the command model.
void setup_completion(cli::Command& c, Context& ctx) {
    auto req = ctx.make_request<CompletionRequest>();
    req->shell = c.name();
    cli::bool_flag(c, "no-descriptions", 0, req->no_descriptions, "disable completion descriptions");
    c.run([req, &ctx](const cli::Invocation&) {
        *ctx.out << cli::completion_output(req->shell, !req->no_descriptions, ctx.argv0);
    });
}

}  // namespace cpphelm::app
