#include <string>
#include <vector>

#include "cli/model.hpp"
#include "cli/complete.hpp"
#include "commands/context.hpp"
#include "gotext/goparse.hpp"
#include "cpphelm/client.hpp"
#include "cpphelm/errors.hpp"
#include "cpphelm/local.hpp"

// Completion that reads the repository configuration and caches (helm's compListCharts,
// compListRepos, compVersionFlag). The lookups run in the shim, with helm's own file readers, except
// repository names when cpphelm/local.hpp can read the repository file exactly as helm does.
namespace cpphelm::app {

namespace {

constexpr int kNoFileComp = 4;

// Whether -g/--generate-name is on the line (install and template then take no NAME).
bool generate_name(const std::vector<std::string>& words) {
    bool on = false;
    for (const auto& w : words) {
        if (w == "-g" || w == "--generate-name") on = true;
        if (w.rfind("--generate-name=", 0) == 0) on = goparse::parse_bool(w.substr(16)).value_or(on);
    }
    return on;
}

}  // namespace

void complete_chart_refs(cli::Command& c, Context& ctx, ChartArgCompletion how) {
    cli::Command::ArgsCompleter before = c.args_completer();
    c.complete_args([&ctx, how, before](const std::vector<std::string>& args, const std::vector<std::string>& words,
                                       const std::string& to_complete, std::vector<std::string>& lines,
                                       int& directive) {
        int at = how.position - (how.generate_name_shifts && generate_name(words) ? 1 : 0);
        if (static_cast<int>(args.size()) != at) {
            if (before && before(args, words, to_complete, lines, directive)) return true;
            lines.clear();
            if (how.no_more_args && static_cast<int>(args.size()) > at) lines.push_back(cli::kNoMoreArgsHelp);
            directive = kNoFileComp;
            return true;
        }
        try {
            Completion r = Client(ctx.backend())
                               .complete_charts({settings_from_words(ctx.settings, words), to_complete, how.include_files});
            lines = std::move(r.lines);
            directive = r.directive;
        } catch (const Error&) {
            lines.clear();
            directive = how.include_files ? 0 : kNoFileComp;
        }
        return true;
    });
}

void complete_version_flag(cli::Command& c, Context& ctx, int position, bool generate_name_shifts) {
    cli::Flag* f = c.lookup("version");
    if (!f) return;
    f->completion_registered = true;
    f->complete_value = [&ctx, position, generate_name_shifts](const std::vector<std::string>& args,
                                                               const std::vector<std::string>& words,
                                                               const std::string&, std::vector<std::string>& lines,
                                                               int& directive) {
        int at = position - (generate_name_shifts && generate_name(words) ? 1 : 0);
        directive = kNoFileComp;
        if (static_cast<int>(args.size()) != at + 1) return;
        try {
            lines = Client(ctx.backend()).complete_versions({settings_from_words(ctx.settings, words), args[at]});
        } catch (const Error&) {
            lines.clear();
        }
    };
}

void complete_repo_names(cli::Command& c, Context& ctx) {
    c.complete_args([&ctx](const std::vector<std::string>& args, const std::vector<std::string>& words,
                           const std::string&, std::vector<std::string>& lines, int& directive) {
        directive = kNoFileComp;
        try {
            CompleteReposRequest req{settings_from_words(ctx.settings, words), args};
            auto local_lines = ctx.local_answers ? local::complete_repos(req) : std::nullopt;
            lines = local_lines ? *local_lines : Client(ctx.backend()).complete_repos(req);
        } catch (const Error&) {
            lines.clear();
        }
        return true;
    });
}

}  // namespace cpphelm::app
