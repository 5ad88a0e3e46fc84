#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/argv.hpp"
#include "cli/complete.hpp"
#include "cli/flags.hpp"
#include "cli/help.hpp"
#include "commands/context.hpp"
#include "cpphelm/client.hpp"
#include "cpphelm/errors.hpp"

// `cpphelm diff`: the helm-diff plugin (v3.9.14) built in. helm hands a plugin every word after its
// name, minus the global flags its processParent knows; helm-diff parses the rest with cobra. Here the
// same split happens, then helm-diff's own command tree (its commands, flags, texts and argument
// checks) parses the plugin's words, and the shim compares with helm-diff's packages.
namespace cpphelm::app {

namespace {

const char* const kRootLong = R"TXT(
The Helm Diff Plugin

* Shows a diff explaining what a helm upgrade would change:
    This fetches the currently deployed version of a release
  and compares it to a local chart plus values. This can be
  used to visualize what changes a helm upgrade will perform.

* Shows a diff explaining what had changed between two revisions:
    This fetches previously deployed versions of a release
  and compares them. This can be used to visualize what changes
  were made during revision change.

* Shows a diff explaining what a helm rollback would change:
    This fetches the currently deployed version of a release
  and compares it to the previously deployed version of the release, that you
  want to rollback. This can be used to visualize what changes a
  helm rollback will perform.
)TXT";

const char* const kUpgradeLong = R"TXT(Show a diff explaining what a helm upgrade would change.

This fetches the currently deployed version of a release
and compares it to a chart plus values.
This can be used to visualize what changes a helm upgrade will
perform.
)TXT";

const char* const kUpgradeExample = R"TXT(  helm diff upgrade my-release stable/postgresql --values values.yaml

  # Set HELM_DIFF_IGNORE_UNKNOWN_FLAGS=true to ignore unknown flags
  # It's useful when you're using `helm-diff` in a `helm upgrade` wrapper.
  # See https://github.com/databus23/helm-diff/issues/278 for more information.
  HELM_DIFF_IGNORE_UNKNOWN_FLAGS=true helm diff upgrade my-release stable/postgres --wait

  # helm-diff disallows the use of the `lookup` function by default.
  # To enable it, you must set HELM_DIFF_USE_INSECURE_SERVER_SIDE_DRY_RUN=true to
  # use `helm template --dry-run=server` or
  # `helm upgrade --dry-run=server` (in case you also set `HELM_DIFF_USE_UPGRADE_DRY_RUN`)
  # See https://github.com/databus23/helm-diff/pull/458
  # for more information.
  HELM_DIFF_USE_INSECURE_SERVER_SIDE_DRY_RUN=true helm diff upgrade my-release datadog/datadog

  # Set HELM_DIFF_USE_UPGRADE_DRY_RUN=true to
  # use `helm upgrade --dry-run` instead of `helm template` to render manifests from the chart.
  # See https://github.com/databus23/helm-diff/issues/253 for more information.
  HELM_DIFF_USE_UPGRADE_DRY_RUN=true helm diff upgrade my-release datadog/datadog

  # Set HELM_DIFF_THREE_WAY_MERGE=true to
  # enable the three-way-merge on diff.
  # This is equivalent to specifying the --three-way-merge flag.
  # Read the flag usage below for more information on --three-way-merge.
  HELM_DIFF_THREE_WAY_MERGE=true helm diff upgrade my-release datadog/datadog

  # Set HELM_DIFF_NORMALIZE_MANIFESTS=true to
  # normalize the yaml file content when using helm diff.
  # This is equivalent to specifying the --normalize-manifests flag.
  # Read the flag usage below for more information on --normalize-manifests.
  HELM_DIFF_NORMALIZE_MANIFESTS=true helm diff upgrade my-release datadog/datadog

# Set HELM_DIFF_OUTPUT_CONTEXT=n to configure the output context to n lines.
# This is equivalent to specifying the --context flag.
# Read the flag usage below for more information on --context.
HELM_DIFF_OUTPUT_CONTEXT=5 helm diff upgrade my-release datadog/datadog)TXT";

const char* const kRevisionLong = R"TXT(
This command compares the manifests details of a named release.

It can be used to compare the manifests of

 - latest REVISION with specified REVISION
	$ helm diff revision [flags] RELEASE REVISION1
   Example:
	$ helm diff revision my-release 2

 - REVISION1 with REVISION2
	$ helm diff revision [flags] RELEASE REVISION1 REVISION2
   Example:
	$ helm diff revision my-release 2 3
)TXT";

const char* const kRollbackLong = R"TXT(
This command compares the latest manifest details of a named release
with specific revision values to rollback.

It forecasts/visualizes changes, that a helm rollback could perform.
)TXT";

const char* const kReleaseLong = R"TXT(
This command compares the manifests details of a different releases created from the same chart.
The release name may be specified using namespace/release syntax.

It can be used to compare the manifests of

 - release1 with release2
	$ helm diff release [flags] release1 release2
   Example:
	$ helm diff release my-prod my-stage
	$ helm diff release prod/my-prod stage/my-stage
)TXT";

// helm-diff's checkArgsLength.
void check_args_length(size_t got, const std::vector<std::string>& required) {
    if (got == required.size()) return;
    std::string names;
    for (const auto& r : required) names += (names.empty() ? "" : ", ") + r;
    throw Error(ErrorKind::Failed, "This command needs " + std::to_string(required.size()) +
                                       (required.size() == 1 ? " argument: " : " arguments: ") + names);
}

// helm-diff's AddDiffOptions.
void add_diff_options(cli::Command& c, DiffOptions& o) {
    cli::bool_flag(c, "suppress-secrets", 'q', o.suppress_secrets, "suppress secrets in the output");
    cli::bool_flag(c, "show-secrets", 0, o.show_secrets, "do not redact secret values in the output");
    cli::string_array_flag(c, "suppress", 0, o.suppress,
                           "allows suppression of the kinds listed in the diff output (can specify multiple, like "
                           "'--suppress Deployment --suppress Service')");
    cli::int_flag(c, "context", 'C', o.context, "output NUM lines of context around changes");
    // helm-diff has no short form of --output (the plugin refuses -o); cpphelm gives it the -o of helm's
    // own commands: a line the plugin refuses works here, nothing the plugin accepts changes.
    cli::string_flag(c, "output", 'o', o.output,
                     "Possible values: diff, simple, template, dyff. When set to \"template\", use the env var "
                     "HELM_DIFF_TPL to specify the template.");
    cli::bool_flag(c, "strip-trailing-cr", 0, o.strip_trailing_cr, "strip trailing carriage return on input");
    cli::float32_flag(c, "find-renames", 'D', o.find_renames,
                      "Enable rename detection if set to any value greater than 0. If specified, the value denotes "
                      "the maximum fraction of changed content as lines added + removed compared to total lines in a "
                      "diff for considering it a rename. Only objects of the same Kind are attempted to be matched");
    cli::string_array_flag(c, "suppress-output-line-regex", 0, o.suppress_output_line_regex,
                           "a regex to suppress diff output lines that match");
}

// The flags revision, rollback and release share.
void add_compare_flags(cli::Command& c, DiffOptions& o) {
    cli::bool_flag(c, "detailed-exitcode", 0, o.detailed_exitcode, "return a non-zero exit code when there are changes");
    cli::bool_flag(c, "include-tests", 0, o.include_tests, "enable the diffing of the helm test hooks");
    cli::bool_flag(c, "normalize-manifests", 0, o.normalize_manifests,
                   "normalize manifests before running diff to exclude style differences from the output");
    add_diff_options(c, o);
}

// helm-diff's valueFiles flag: every occurrence split at commas, appended.
void value_files_flag(cli::Command& c, std::vector<std::string>& target) {
    cli::Flag f;
    f.name = "values";
    f.shorthand = 'f';
    f.type = "valueFiles";
    f.def = "[]";
    f.usage = "specify values in a YAML file (can specify multiple)";
    f.normalise = [](const std::string& v, bool) {
        std::vector<std::string> out;
        for (size_t at = 0;;) {
            size_t comma = v.find(',', at);
            out.push_back(v.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
            if (comma == std::string::npos) break;
            at = comma + 1;
        }
        return out;
    };
    f.apply = [&target](const std::vector<std::string>& v) { target = v; };
    c.add_flag(std::move(f));
}

// helm-diff's upgrade flags (also the root's: `diff RELEASE CHART` is its deprecated alias).
void add_upgrade_flags(cli::Command& c, DiffUpgradeRequest& r, std::string& ignored_kubeconfig) {
    cli::string_flag(c, "kubeconfig", 0, ignored_kubeconfig,
                     "This flag is ignored, to allow passing of this top level flag to helm");
    cli::bool_flag(c, "three-way-merge", 0, r.three_way_merge,
                   "use three-way-merge to compute patch and generate diff output");
    cli::string_flag(c, "version", 0, r.chart_options.version,
                     "specify the exact chart version to use. If this is not specified, the latest version is used");
    cli::string_flag(c, "repo", 0, r.chart_options.repo, "specify the chart repository url to locate the requested chart");
    cli::bool_flag(c, "detailed-exitcode", 0, r.diff.detailed_exitcode, "return a non-zero exit code when there are changes");
    cli::string_array_flag(c, "api-versions", 'a', r.api_versions, "Kubernetes api versions used for Capabilities.APIVersions");
    cli::string_flag(c, "kube-version", 0, r.kube_version, "Kubernetes version used for Capabilities.KubeVersion");
    value_files_flag(c, r.values.value_files);
    cli::string_array_flag(c, "set", 0, r.values.values,
                           "set values on the command line (can specify multiple or separate values with commas: "
                           "key1=val1,key2=val2)");
    cli::string_array_flag(c, "set-string", 0, r.values.string_values,
                           "set STRING values on the command line (can specify multiple or separate values with "
                           "commas: key1=val1,key2=val2)");
    cli::string_array_flag(c, "set-literal", 0, r.values.literal_values, "set STRING literal values on the command line");
    cli::string_array_flag(c, "set-json", 0, r.values.json_values,
                           "set JSON values on the command line (can specify multiple or separate values with commas: "
                           "key1=jsonval1,key2=jsonval2)");
    cli::string_array_flag(c, "set-file", 0, r.values.file_values,
                           "set values from respective files specified via the command line (can specify multiple or "
                           "separate values with commas: key1=path1,key2=path2)");
    cli::bool_flag(c, "reuse-values", 0, r.reuse_values,
                   "reuse the last release's values and merge in any new values. If '--reset-values' is specified, "
                   "this is ignored");
    cli::bool_flag(c, "reset-values", 0, r.reset_values,
                   "reset the values to the ones built into the chart and merge in any new values");
    cli::bool_flag(c, "reset-then-reuse-values", 0, r.reset_then_reuse_values,
                   "reset the values to the ones built into the chart, apply the last release's values and merge in "
                   "any new values. If '--reset-values' or '--reuse-values' is specified, this is ignored");
    cli::bool_flag(c, "allow-unreleased", 0, r.allow_unreleased,
                   "enables diffing of releases that are not yet deployed via Helm");
    cli::bool_flag(c, "install", 0, r.install,
                   "enables diffing of releases that are not yet deployed via Helm (equivalent to --allow-unreleased, "
                   "added to match \"helm upgrade --install\" command");
    cli::bool_flag(c, "no-hooks", 0, r.no_hooks, "disable diffing of hooks");
    cli::bool_flag(c, "include-tests", 0, r.diff.include_tests, "enable the diffing of the helm test hooks");
    cli::bool_flag(c, "devel", 0, r.devel,
                   "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is "
                   "ignored.");
    cli::bool_flag(c, "disable-validation", 0, r.disable_validation,
                   "disables rendered templates validation against the Kubernetes cluster you are currently pointing "
                   "to. This is the same validation performed on an install");
    cli::bool_flag(c, "disable-openapi-validation", 0, r.disable_openapi_validation,
                   "disables rendered templates validation against the Kubernetes OpenAPI Schema");
    cli::string_flag(c, "dry-run", 0, r.dry_run,
                     "--dry-run, --dry-run=client, or --dry-run=true disables cluster access and show diff as if it "
                     "was install. Implies --install, --reset-values, and --disable-validation. --dry-run=server "
                     "enables the cluster access with helm-get and the lookup template function.")
        .noopt = "client";
    cli::bool_flag(c, "enable-dns", 0, r.enable_dns, "enable DNS lookups when rendering templates");
    cli::bool_flag(c, "skip-schema-validation", 0, r.skip_schema_validation,
                   "skip validation of the rendered manifests against the Kubernetes OpenAPI schema");
    cli::string_flag(c, "post-renderer", 0, r.post_renderer,
                     "the path to an executable to be used for post rendering. If it exists in $PATH, the binary will "
                     "be used, otherwise it will try to look for the executable at the given path");
    cli::string_array_flag(c, "post-renderer-args", 0, r.post_renderer_args,
                           "an argument to the post-renderer (can specify multiple)");
    cli::bool_flag(c, "insecure-skip-tls-verify", 0, r.chart_options.download.insecure_skip_tls_verify,
                   "skip tls certificate checks for the chart download");
    cli::bool_flag(c, "normalize-manifests", 0, r.diff.normalize_manifests,
                   "normalize manifests before running diff to exclude style differences from the output");
    add_diff_options(c, r.diff);
}

// What was given on the line, for the options helm-diff defaults from the environment.
void mark_given(const cli::Invocation& inv, DiffOptions& o) {
    o.context_set = inv.changed.count("context") > 0;
    o.output_set = inv.changed.count("output") > 0;
    o.normalize_manifests_set = inv.changed.count("normalize-manifests") > 0;
    o.color_set = inv.changed.count("color") > 0;
    o.no_color_set = inv.changed.count("no-color") > 0;
    o.stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
}

// helm-diff's command tree, bound to the requests it fills.
struct DiffCli {
    cli::CommandTree tree{"diff", "Show manifest differences", kRootLong};
    DiffUpgradeRequest upgrade;
    DiffUpgradeRequest root_upgrade;  // the deprecated `diff RELEASE CHART`
    DiffRevisionRequest revision, rollback;
    DiffReleaseRequest release;
    std::string ignored_kubeconfig;
    bool color = false, no_color = false;

    DiffCli(Context& ctx) {
        cli::Command& root = tree.root();
        root.own_root_args();
        cli::bool_flag(root, "no-color", 0, no_color,
                       "remove colors from the output. If both --no-color and --color are unspecified, coloring "
                       "enabled only when the stdout is a term and TERM is not \"dumb\"",
                       true);
        cli::bool_flag(root, "color", 0, color,
                       "color output. You can control the value for this flag via HELM_DIFF_COLOR=[true|false]. If "
                       "both --no-color and --color are unspecified, coloring enabled only when the stdout is a term "
                       "and TERM is not \"dumb\"",
                       true);
        add_upgrade_flags(root, root_upgrade, ignored_kubeconfig);
        root.run([this, &ctx](const cli::Invocation& inv) {
            check_args_length(inv.args.size(), {"release name", "chart path"});
            std::cerr << "Command \"helm diff\" is deprecated, use \"helm diff upgrade\" instead\n";
            run_upgrade(ctx, root_upgrade, inv);
        });

        root.add("version", "Show version of the helm diff plugin").run([&ctx](const cli::Invocation&) {
            *ctx.out << "3.9.14\n";
        });

        auto& up = root.add("upgrade [flags] [RELEASE] [CHART]", "Show a diff explaining what a helm upgrade would change.",
                            kUpgradeLong);
        up.example(kUpgradeExample);
        add_upgrade_flags(up, upgrade, ignored_kubeconfig);
        up.run([this, &ctx](const cli::Invocation& inv) {
            check_args_length(inv.args.size(), {"release name", "chart path"});
            run_upgrade(ctx, upgrade, inv);
        });

        auto& rev = root.add("revision [flags] RELEASE REVISION1 [REVISION2]", "Shows diff between revision's manifests",
                             kRevisionLong);
        add_compare_flags(rev, revision.diff);
        rev.run([this, &ctx](const cli::Invocation& inv) {
            if (inv.args.size() < 2)
                throw Error(ErrorKind::Failed, "Too few arguments to Command \"revision\".\nMinimum 2 arguments "
                                               "required: release name, revision");
            if (inv.args.size() > 3)
                throw Error(ErrorKind::Failed, "Too many arguments to Command \"revision\".\nMaximum 3 arguments "
                                               "allowed: release name, revision1, revision2");
            prepare(ctx, revision.diff, revision.settings, inv);
            revision.release = inv.args[0];
            revision.revisions.assign(inv.args.begin() + 1, inv.args.end());
            *ctx.out << Client(ctx.backend()).diff_revision(revision).stdout_bytes;
        });

        auto& rb = root.add("rollback [flags] [RELEASE] [REVISION]",
                            "Show a diff explaining what a helm rollback could perform", kRollbackLong);
        rb.example("  helm diff rollback my-release 2");
        add_compare_flags(rb, rollback.diff);
        rb.run([this, &ctx](const cli::Invocation& inv) {
            check_args_length(inv.args.size(), {"release name", "revision number"});
            prepare(ctx, rollback.diff, rollback.settings, inv);
            rollback.release = inv.args[0];
            rollback.revisions = {inv.args[1]};
            *ctx.out << Client(ctx.backend()).diff_rollback(rollback).stdout_bytes;
        });

        auto& rel = root.add("release [flags] RELEASE release1 [release2]", "Shows diff between release's manifests",
                             kReleaseLong);
        add_compare_flags(rel, release.diff);
        rel.run([this, &ctx](const cli::Invocation& inv) {
            if (inv.args.size() < 2)
                throw Error(ErrorKind::Failed, "Too few arguments to Command \"release\".\nMinimum 2 arguments "
                                               "required: release name-1, release name-2");
            prepare(ctx, release.diff, release.settings, inv);
            release.releases = inv.args;
            *ctx.out << Client(ctx.backend()).diff_release(release).stdout_bytes;
        });
    }

    void prepare(Context& ctx, DiffOptions& o, GlobalSettings& s, const cli::Invocation& inv) {
        mark_given(inv, o);
        o.color = color;
        o.no_color = no_color;
        s = ctx.settings;
    }

    void run_upgrade(Context& ctx, DiffUpgradeRequest& r, const cli::Invocation& inv) {
        prepare(ctx, r.diff, r.settings, inv);
        r.three_way_merge_set = inv.changed.count("three-way-merge") > 0;
        r.release = inv.args[0];
        r.chart = inv.args[1];
        *ctx.out << Client(ctx.backend()).diff_upgrade(r).stdout_bytes;
    }
};

// helm's manuallyProcessArgs: the global flags helm keeps for itself (with their values) and the rest,
// the plugin's.
void split_plugin_args(const std::vector<std::string>& args, std::vector<std::string>& known,
                       std::vector<std::string>& unknown) {
    static const std::vector<std::string> kv = {"--kube-context",  "--namespace",       "-n",
                                                "--kubeconfig",    "--kube-apiserver",  "--kube-token",
                                                "--kube-as-user",  "--kube-as-group",   "--kube-ca-file",
                                                "--registry-config", "--repository-cache", "--repository-config",
                                                "--kube-insecure-skip-tls-verify", "--kube-tls-server-name"};
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--debug") {
            known.push_back(a);
        } else if (std::find(kv.begin(), kv.end(), a) != kv.end()) {
            known.push_back(a);
            if (++i < args.size()) known.push_back(args[i]);
        } else if (std::any_of(kv.begin(), kv.end(), [&a](const std::string& p) { return a.rfind(p + "=", 0) == 0; })) {
            known.push_back(a);
        } else {
            unknown.push_back(a);
        }
    }
}

// pflag's stripUnknownFlagValue: an unknown flag without "=" takes the next word unless it is a flag.
size_t skip_unknown_value(const std::vector<std::string>& args, size_t next) {
    return next < args.size() && (args[next].empty() || args[next][0] != '-') ? next + 1 : next;
}

// HELM_DIFF_IGNORE_UNKNOWN_FLAGS=true (pflag's UnknownFlags allowlist on helm-diff's upgrade): the
// line without the flags `c` does not know, each with the value pflag would give it.
std::vector<std::string> without_unknown_flags(const cli::Command& c, const std::vector<std::string>& args) {
    std::vector<std::string> out;
    for (size_t i = 0; i < args.size();) {
        const std::string& s = args[i++];
        if (s == "--") {
            out.insert(out.end(), args.begin() + static_cast<long>(i) - 1, args.end());
            break;
        }
        if (s.size() < 2 || s[0] != '-') {
            out.push_back(s);
            continue;
        }
        if (s[1] == '-') {
            std::string name = s.substr(2);
            bool has_value = name.find('=') != std::string::npos;
            name = name.substr(0, name.find('='));
            const cli::Flag* f = c.lookup(name);
            if (!f && name != "help") {
                if (!has_value) i = skip_unknown_value(args, i);
                continue;
            }
            out.push_back(s);
            if (f && !has_value && f->noopt.empty() && i < args.size()) out.push_back(args[i++]);
            continue;
        }
        std::string shorts = s.substr(1), kept;
        std::optional<std::string> value;
        while (!shorts.empty()) {
            const cli::Flag* f = c.lookup_short(shorts[0]);
            if (!f && shorts[0] != 'h') {
                if (shorts.size() > 2 && shorts[1] == '=') break;  // "-x=value": the value goes with it
                i = skip_unknown_value(args, i);
                shorts.erase(0, 1);
                continue;
            }
            if (f && f->noopt.empty()) {  // takes the rest of the group, or the next word
                kept += shorts;
                if (shorts.size() == 1 && i < args.size()) value = args[i++];
                break;
            }
            kept += shorts[0];
            shorts.erase(0, 1);
        }
        if (!kept.empty()) out.push_back("-" + kept);
        if (value) out.push_back(*value);
    }
    return out;
}

}  // namespace

std::vector<std::string> without_diff_color_flags(const cli::Command& root, const std::vector<std::string>& args) {
    auto words = cli::strip_flags(root, args);
    if (words.empty() || words[0] != "diff") return args;
    std::vector<std::string> out;
    for (const auto& a : args)
        if (a != "--color" && a.rfind("--color=", 0) != 0 && a != "--no-color" && a.rfind("--no-color=", 0) != 0)
            out.push_back(a);
    return out;
}

std::optional<int> complete_diff_if_named(cli::Command& root, Context& ctx, const std::vector<std::string>& words,
                                         bool descriptions) {
    if (words.empty()) return std::nullopt;
    std::vector<std::string> before(words.begin(), words.end() - 1);
    auto named = cli::strip_flags(root, before);
    if (named.empty() || named[0] != "diff") return std::nullopt;
    DiffCli diff(ctx);
    cli::Command& top = diff.tree.root();
    // helm's global flags complete too (helm would take them out of diff's words), unless diff has its own.
    for (const auto& f : root.persistent_flags()) {
        if (top.lookup(f->name) || (f->shorthand && top.lookup_short(f->shorthand))) continue;
        top.add_flag(*f, /*persistent=*/true);
    }
    // Positionals: release names, then the chart (upgrade) or the release's revisions.
    cli::Command& up = *top.find_child("upgrade");
    complete_chart_refs(up, ctx, {1, true, false, true});
    auto charts = up.args_completer();
    complete_release_names(up, ctx, 0, 2);
    auto releases = up.args_completer();
    up.complete_args([charts, releases](const std::vector<std::string>& args, const std::vector<std::string>& w,
                                        const std::string& to_complete, std::vector<std::string>& lines,
                                        int& directive) {
        return (args.empty() ? releases : charts)(args, w, to_complete, lines, directive);
    });
    complete_version_flag(up, ctx, 1);
    cli::Command& rev = *top.find_child("revision");
    complete_release_names(rev, ctx, 0, 3, 1);
    rev.complete_args([one = rev.args_completer()](const std::vector<std::string>& args,
                                                   const std::vector<std::string>& w, const std::string& to_complete,
                                                   std::vector<std::string>& lines, int& directive) {
        if (args.size() != 2) return one(args, w, to_complete, lines, directive);
        return one({args[0]}, w, to_complete, lines, directive);  // REVISION2: the revisions again
    });
    complete_release_names(*top.find_child("rollback"), ctx, 0, 2, 1);
    complete_release_names(*top.find_child("release"), ctx, -1, 2);
    std::vector<std::string> rest = cli::find_command(root, before).rest;
    rest.push_back(words.back());
    return cli::run_complete(top, rest, descriptions);
}

std::optional<int> run_diff_if_named(cli::Command& root, Context& ctx, const std::vector<std::string>& args) {
    auto words = cli::strip_flags(root, args);
    if (words.empty() || words[0] != "diff") return std::nullopt;
    std::vector<std::string> known, mine;
    split_plugin_args(cli::find_command(root, args).rest, known, mine);
    // The global flags helm keeps apply to the settings, as helm's processParent parses them.
    cli::Invocation global;
    for (auto& [flag, items] : cli::parse_flags(root, known, global)) flag->apply(items);

    auto diff = std::make_unique<DiffCli>(ctx);
    if (ctx.env("HELM_DIFF_IGNORE_UNKNOWN_FLAGS").value_or("") == "true") {
        cli::Found found = cli::find_command(diff->tree.root(), mine);
        if (found.command->name() == "upgrade") mine = without_unknown_flags(*found.command, mine);
    }
    cli::Parsed parsed = cli::parse_argv(diff->tree.root(), mine);
    cli::Invocation& inv = parsed.invocation;
    if (inv.help) {
        std::cout << cli::render_help(*inv.command);
        return 0;
    }
    if (!inv.command->runnable()) {
        std::cout << cli::render_help(*inv.command);
        return 0;
    }
    cli::bind(diff->tree.app(), *inv.command, parsed.cli11_args);
    inv.command->run_fn()(inv);
    return 0;
}

}  // namespace cpphelm::app
