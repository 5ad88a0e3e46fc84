#include <iostream>
#include <memory>

#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"

namespace cpphelm::app {

namespace {

// The template flavour of --dry-run: its bare form means "unset" (then client, with a warning).
const char* const kTemplateDryRunUsage =
    "simulates the operation either client-side or server-side. Must be either: \"client\", or \"server\". "
    "'--dry-run=client simulates the operation client-side only and avoids cluster connections. "
    "'--dry-run=server' simulates/validates the operation on the server, requiring cluster connectivity.";

}  // namespace

void setup_template(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<TemplateRequest>();
    req->chart.keyring = default_keyring(ctx.env);
    add_install_flags(c, req->install, req->values, req->chart);
    cli::string_array_flag(c, "show-only", 's', req->show_only, "only show manifests rendered from the given templates");
    cli::string_flag(c, "output-dir", 0, req->output_dir,
                     "writes the executed templates to files in output-dir instead of stdout");
    cli::deprecate(cli::bool_flag(c, "validate", 0, req->validate, "deprecated"), "use '--dry-run=server' instead");
    cli::bool_flag(c, "include-crds", 0, req->include_crds, "include CRDs in the templated output");
    cli::bool_flag(c, "skip-tests", 0, req->skip_tests, "skip tests from templated output");
    cli::bool_flag(c, "is-upgrade", 0, req->is_upgrade, "set .Release.IsUpgrade instead of .Release.IsInstall");
    cli::string_flag(c, "kube-version", 0, req->kube_version, "Kubernetes version used for Capabilities.KubeVersion");
    cli::string_slice_flag(c, "api-versions", 'a', req->api_versions,
                           "Kubernetes api versions used for Capabilities.APIVersions (multiple can be specified)");
    cli::bool_flag(c, "release-name", 0, req->release_name, "use release name in the output-dir path.");
    add_dry_run_flag(c, req->dry_run, kTemplateDryRunUsage);
    add_post_render_flags(c, req->install);
    c.exclusive({"validate", "dry-run"});
    complete_chart_refs(c, ctx, {1, true, true, false});
    complete_version_flag(c, ctx, 1, true);
    c.run([req, &ctx](const cli::Invocation& inv) {
        warn_dry_run(req->dry_run, true);
        req->settings = ctx.settings;
        req->args = inv.args;
        Client client(ctx.backend());
        *ctx.out << client.render_template(*req).stdout_bytes;
    });
}

}  // namespace cpphelm::app
