#include <memory>
#include <ostream>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"

namespace cpphelm::app {

// `list`.
void setup_list(cli::Command& c, Context& ctx) {
    using cli::bool_flag;
    auto req = std::make_shared<ListRequest>();
    bool_flag(c, "short", 'q', req->short_, "output short (quiet) listing format");
    bool_flag(c, "no-headers", 0, req->no_headers, "don't print headers when using the default output format");
    cli::string_flag(c, "time-format", 0, req->time_format,
                     "format time using golang time formatter. Example: --time-format \"2006-01-02 15:04:05Z0700\"");
    bool_flag(c, "date", 'd', req->by_date, "sort by release date");
    bool_flag(c, "reverse", 'r', req->sort_reverse, "reverse the sort order");
    bool_flag(c, "uninstalled", 0, req->uninstalled,
              "show uninstalled releases (if 'helm uninstall --keep-history' was used)");
    bool_flag(c, "superseded", 0, req->superseded, "show superseded releases");
    bool_flag(c, "uninstalling", 0, req->uninstalling, "show releases that are currently being uninstalled");
    bool_flag(c, "deployed", 0, req->deployed, "show deployed releases");
    bool_flag(c, "failed", 0, req->failed, "show failed releases");
    bool_flag(c, "pending", 0, req->pending, "show pending releases");
    bool_flag(c, "all-namespaces", 'A', req->all_namespaces, "list releases across all namespaces");
    cli::int_flag(c, "max", 'm', req->max, "maximum number of releases to fetch");
    cli::int_flag(c, "offset", 0, req->offset, "next release index in the list, used to offset from start value");
    cli::string_flag(c, "filter", 'f', req->filter,
                     "a regular expression (Perl compatible). Any releases that match the expression will be included "
                     "in the results");
    cli::string_flag(c, "selector", 'l', req->selector,
                     "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)"
                     ". Works only for secret(default) and configmap storage backends.");
    add_output_flag(c, req->output);
    c.run([req, &ctx](const cli::Invocation&) {
        req->settings = ctx.settings;
        *ctx.out << Client(ctx.backend()).list(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
