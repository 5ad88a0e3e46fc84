#include <memory>
#include <ostream>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"
#include "progress.hpp"

namespace cpphelm::app {

// `upgrade [RELEASE] [CHART]`.
void setup_upgrade(cli::Command& c, Context& ctx) {
    complete_release_names(c, ctx, 0, 2);
    using cli::bool_flag;
    auto req = std::make_shared<UpgradeRequest>();
    req->chart.keyring = default_keyring(ctx.env);
    bool_flag(c, "create-namespace", 0, req->create_namespace,
              "if --install is set, create the release namespace if not present");
    bool_flag(c, "install", 'i', req->install, "if a release by this name doesn't already exist, run an install");
    bool_flag(c, "devel", 0, req->devel,
              "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored");
    bool_flag(c, "hide-secret", 0, req->hide_secret, "hide Kubernetes Secrets when also using the --dry-run flag");
    bool_flag(c, "no-hooks", 0, req->revision.no_hooks, "disable pre/post upgrade hooks");
    bool_flag(c, "disable-openapi-validation", 0, req->disable_openapi_validation,
              "if set, the upgrade process will not validate rendered templates against the Kubernetes OpenAPI "
              "Schema");
    bool_flag(c, "skip-crds", 0, req->skip_crds,
              "if set, no CRDs will be installed when an upgrade is performed with install flag enabled. By default, "
              "CRDs are installed if not already present, when an upgrade is performed with install flag enabled");
    bool_flag(c, "reset-values", 0, req->reset_values,
              "when upgrading, reset the values to the ones built into the chart");
    bool_flag(c, "reuse-values", 0, req->reuse_values,
              "when upgrading, reuse the last release's values and merge in any overrides from the command line via "
              "--set and -f. If '--reset-values' is specified, this is ignored");
    bool_flag(c, "reset-then-reuse-values", 0, req->reset_then_reuse_values,
              "when upgrading, reset the values to the ones built into the chart, apply the last release's values and "
              "merge in any overrides from the command line via --set and -f. If '--reset-values' or '--reuse-values' "
              "is specified, this is ignored");
    bool_flag(c, "rollback-on-failure", 0, req->rollback_on_failure,
              "if set, Helm will rollback the upgrade to previous success release upon failure. The --wait flag will "
              "be defaulted to \"watcher\" if --rollback-on-failure is set");
    cli::deprecate(bool_flag(c, "atomic", 0, req->rollback_on_failure, "deprecated"),
                   "use --rollback-on-failure instead");
    bool_flag(c, "render-subchart-notes", 0, req->render_subchart_notes,
              "if set, render subchart notes along with the parent");
    bool_flag(c, "hide-notes", 0, req->hide_notes,
              "if set, do not show notes in upgrade output. Does not affect presence in chart metadata");
    bool_flag(c, "skip-schema-validation", 0, req->skip_schema_validation, "if set, disables JSON schema validation");
    cli::string_to_string_flag(c, "labels", 'l', req->labels,
                               "Labels that would be added to release metadata. Should be separated by comma. "
                               "Original release labels will be merged with upgrade labels. You can unset label "
                               "using null.");
    cli::string_flag(c, "description", 0, req->revision.description, "add a custom description");
    bool_flag(c, "dependency-update", 0, req->dependency_update,
              "update dependencies if they are missing before installing the chart");
    bool_flag(c, "enable-dns", 0, req->enable_dns, "enable DNS lookups when rendering templates");
    bool_flag(c, "take-ownership", 0, req->take_ownership,
              "if set, upgrade will ignore the check for helm annotations and take ownership of the existing "
              "resources");
    add_revision_flags(c, req->revision, "upgrade", ctx.settings.max_history);
    add_chart_path_flags(c, req->chart);
    add_values_flags(c, req->values);
    add_output_flag(c, req->output);
    add_post_render_flags(c, req->post_renderer, req->post_renderer_args);
    complete_chart_refs(c, ctx, {1, true, false, true});  // after the release names of position 0
    complete_version_flag(c, ctx, 1);
    add_progress_flag(c, ctx);
    c.run([req, &ctx](const cli::Invocation& inv) {
        ProgressScope progress(ctx);
        warn_dry_run(req->revision.dry_run);
        req->settings = ctx.settings;
        req->release = inv.args.at(0);
        req->chart_ref = inv.args.at(1);
        *ctx.out << Client(ctx.backend()).upgrade(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
