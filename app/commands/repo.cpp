#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"
#include "cpphelm/local.hpp"

#include <iostream>
#include <memory>
#include <ostream>

namespace cpphelm::app {

namespace {

// The --timeout of `repo add` and `repo update` (default helm's getter.DefaultHTTPTimeout, 2m0s).
const char* const kIndexTimeoutUsage = "time to wait for the index file download to complete";

}  // namespace

// `repo add|index|list|remove|update`.
void setup_repo_add(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<RepoAddRequest>();
    DownloadOptions& d = req->download;
    cli::string_flag(c, "username", 0, d.username, "chart repository username");
    cli::string_flag(c, "password", 0, d.password, "chart repository password");
    cli::bool_flag(c, "password-stdin", 0, req->password_stdin, "read chart repository password from stdin");
    cli::bool_flag(c, "force-update", 0, req->force_update, "replace (overwrite) the repo if it already exists");
    cli::string_flag(c, "cert-file", 0, d.cert_file, "identify HTTPS client using this SSL certificate file");
    cli::string_flag(c, "key-file", 0, d.key_file, "identify HTTPS client using this SSL key file");
    cli::string_flag(c, "ca-file", 0, d.ca_file, "verify certificates of HTTPS-enabled servers using this CA bundle");
    cli::bool_flag(c, "insecure-skip-tls-verify", 0, d.insecure_skip_tls_verify,
                   "skip tls certificate checks for the repository");
    cli::bool_flag(c, "allow-deprecated-repos", 0, req->allow_deprecated_repos,
                   "by default, this command will not allow adding official repos that have been permanently "
                   "deleted. This disables that behavior");
    cli::bool_flag(c, "pass-credentials", 0, req->pass_credentials, "pass credentials to all domains");
    cli::duration_flag(c, "timeout", req->timeout, kIndexTimeoutUsage);
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->name = inv.args.at(0);
        req->url = inv.args.at(1);
        *ctx.out << Client(ctx.backend()).repo_add(*req).stdout_bytes;
    });
}

void setup_repo_index(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<RepoIndexRequest>();
    cli::string_flag(c, "url", 0, req->url, "url of chart repository");
    cli::string_flag(c, "merge", 0, req->merge, "merge the generated index into the given index");
    cli::bool_flag(c, "json", 0, req->json, "output in JSON format");
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->dir = inv.args.at(0);
        *ctx.out << Client(ctx.backend()).repo_index(*req).stdout_bytes;
    });
}

void setup_repo_list(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<RepoListRequest>();
    cli::bool_flag(c, "no-headers", 0, req->no_headers, "suppress headers in the output");
    add_output_flag(c, req->output);
    c.run([req, &ctx](const cli::Invocation&) {
        req->settings = ctx.settings;
        if (auto out = ctx.local_answers ? local::repo_list(*req) : std::nullopt) {
            *ctx.out << out->stdout_bytes;
            std::cerr << out->stderr_bytes;
            return;
        }
        *ctx.out << Client(ctx.backend()).repo_list(*req).stdout_bytes;
    });
}

void setup_repo_remove(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<RepoRemoveRequest>();
    complete_repo_names(c, ctx);
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->names = inv.args;
        *ctx.out << Client(ctx.backend()).repo_remove(*req).stdout_bytes;
    });
}

void setup_repo_update(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<RepoUpdateRequest>();
    complete_repo_names(c, ctx);
    cli::duration_flag(c, "timeout", req->timeout, kIndexTimeoutUsage);
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->names = inv.args;
        *ctx.out << Client(ctx.backend()).repo_update(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
