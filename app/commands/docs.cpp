#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "cpphelm/requests.hpp"

namespace cpphelm::app {

// The hidden `docs` command. The run step comes with the documentation generator.
void setup_docs(cli::Command& c, Context& ctx) {
    auto req = ctx.make_request<DocsRequest>();
    cli::string_flag(c, "dir", 0, req->dir, "directory to which documentation is written");
    cli::string_flag(c, "type", 0, req->type, "the type of documentation to generate (markdown, man, bash)");
    cli::bool_flag(c, "generate-headers", 0, req->generate_headers, "generate standard headers for markdown files");
}

}  // namespace cpphelm::app
