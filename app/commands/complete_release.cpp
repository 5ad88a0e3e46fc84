#include <string>
#include <vector>

#include "cli/complete.hpp"
#include "commands/context.hpp"
#include "cpphelm/client.hpp"
#include "cpphelm/errors.hpp"

// Positional completion that asks the cluster (helm's compListReleases and compListRevisions). Only
// these completions start the Go runtime; commands, flags and fixed values never do.
namespace cpphelm::app {

// The settings a completion line carries (cobra parses the line's flags before it asks the
// ValidArgsFunction); the rest comes from the environment.
GlobalSettings settings_from_words(GlobalSettings s, const std::vector<std::string>& words) {
    for (size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        auto value = [&](const std::string& name, std::string& into) {
            if (w == name && i + 1 < words.size()) {
                into = words[++i];
                return true;
            }
            if (w.rfind(name + "=", 0) == 0) {
                into = w.substr(name.size() + 1);
                return true;
            }
            return false;
        };
        if (value("--namespace", s.namespace_) || value("-n", s.namespace_) ||
            value("--kube-context", s.kube_context) || value("--kubeconfig", s.kubeconfig) ||
            value("--repository-config", s.repository_config) || value("--repository-cache", s.repository_cache))
            continue;
    }
    return s;
}

namespace {

// helm's compListRevisions: the release's revisions, or cobra's error directive when they cannot be read.
void list_revisions(Context& ctx, const std::vector<std::string>& words, const std::string& release,
                    std::vector<std::string>& lines, int& directive) {
    try {
        lines = Client(ctx.backend()).complete_revisions({settings_from_words(ctx.settings, words), release});
        directive = 4;  // NoFileComp
    } catch (const Error&) {
        lines.clear();
        directive = 1;  // Error
    }
}

}  // namespace

void complete_revision_flag(cli::Command& c, Context& ctx) {
    cli::Flag* f = c.lookup("revision");
    f->completion_registered = true;
    f->complete_value = [&ctx](const std::vector<std::string>& args, const std::vector<std::string>& words,
                               const std::string&, std::vector<std::string>& lines, int& directive) {
        if (args.size() == 1) return list_revisions(ctx, words, args[0], lines, directive);
        directive = 4;  // NoFileComp
    };
}

void complete_release_names(cli::Command& c, Context& ctx, int position, int max_args, int revisions_at) {
    c.complete_args([&ctx, position, max_args, revisions_at](const std::vector<std::string>& args,
                                               const std::vector<std::string>& words, const std::string&,
                                               std::vector<std::string>& lines, int& directive) {
        constexpr int kNoFileComp = 4;
        if (revisions_at >= 0 && static_cast<int>(args.size()) == revisions_at) {
            list_revisions(ctx, words, args.at(0), lines, directive);  // rollback's REVISION
            return true;
        }
        if (position >= 0 && static_cast<int>(args.size()) != position) {
            if (static_cast<int>(args.size()) < max_args) return false;  // another kind of argument
            lines = {cli::kNoMoreArgsHelp};
            directive = kNoFileComp;
            return true;
        }
        CompleteReleasesRequest req{settings_from_words(ctx.settings, words), position < 0 ? args : std::vector<std::string>{}};
        try {
            lines = Client(ctx.backend()).complete_releases(req);
            directive = kNoFileComp;
        } catch (const Error&) {
            lines.clear();
            directive = 0;  // cobra's ShellCompDirectiveDefault when the lookup fails
        }
        return true;
    });
}

}  // namespace cpphelm::app
