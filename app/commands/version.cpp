#include <memory>
#include <ostream>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "cpphelm/client.hpp"
#include "cpphelm/local.hpp"

#ifndef CPPHELM_VERSION
#define CPPHELM_VERSION "v0.0.0-dev"
#endif

namespace cpphelm::app {

void setup_version(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<VersionRequest>();
    req->cpphelm_version = CPPHELM_VERSION;
    cli::bool_flag(c, "short", 0, req->short_, "print the version number");
    cli::string_flag(c, "template", 0, req->template_, "template for version string format");
    c.run([req, &ctx](const cli::Invocation&) {
        if (auto text = ctx.local_answers ? local::version(*req) : std::nullopt) {
            *ctx.out << *text;
            return;
        }
        Client client(ctx.backend());
        *ctx.out << client.render_version(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
