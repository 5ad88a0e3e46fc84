#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"

#include <memory>
#include <ostream>

namespace cpphelm::app {

namespace {

// What `search hub` and `search repo` share.
void add_search_flags(cli::Command& c, SearchOptions& o) {
    cli::uint_flag(c, "max-col-width", 0, o.max_col_width, "maximum column width for output table");
    cli::bool_flag(c, "fail-on-no-result", 0, o.fail_on_no_result, "search fails if no results are found");
    add_output_flag(c, o.output);
}

}  // namespace

// `search hub|repo`.
void setup_search_hub(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<SearchHubRequest>();
    cli::string_flag(c, "endpoint", 0, req->endpoint, "Hub instance to query for charts");
    cli::bool_flag(c, "list-repo-url", 0, req->list_repo_url, "print charts repository URL");
    add_search_flags(c, req->search);
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->keywords = inv.args;
        *ctx.out << Client(ctx.backend()).search_hub(*req).stdout_bytes;
    });
}

void setup_search_repo(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<SearchRepoRequest>();
    cli::bool_flag(c, "regexp", 'r', req->regexp, "use regular expressions for searching repositories you have added");
    cli::bool_flag(c, "versions", 'l', req->versions,
                   "show the long listing, with each version of each chart on its own line, for repositories you "
                   "have added");
    cli::bool_flag(c, "devel", 0, req->devel,
                   "use development versions (alpha, beta, and release candidate releases), too. Equivalent to "
                   "version '>0.0.0-0'. If --version is set, this is ignored");
    cli::string_flag(c, "version", 0, req->version,
                     "search using semantic versioning constraints on repositories you have added");
    add_search_flags(c, req->search);
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->keywords = inv.args;
        *ctx.out << Client(ctx.backend()).search_repo(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
