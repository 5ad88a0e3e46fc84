#include "core/codec.hpp"

namespace cpphelm {

using nlohmann::json;

void to_json(json& j, const GlobalSettings& s) {
    j = json{
        {"namespace", s.namespace_},
        {"kubeconfig", s.kubeconfig},
        {"kube_context", s.kube_context},
        {"kube_token", s.kube_token},
        {"kube_as_user", s.kube_as_user},
        {"kube_as_groups", s.kube_as_groups},
        {"kube_apiserver", s.kube_apiserver},
        {"kube_ca_file", s.kube_ca_file},
        {"kube_tls_server_name", s.kube_tls_server_name},
        {"kube_insecure_skip_tls_verify", s.kube_insecure_skip_tls_verify},
        {"debug", s.debug},
        {"registry_config", s.registry_config},
        {"repository_config", s.repository_config},
        {"repository_cache", s.repository_cache},
        {"content_cache", s.content_cache},
        {"plugins_directory", s.plugins_directory},
        {"max_history", s.max_history},
        {"burst_limit", s.burst_limit},
        {"qps", s.qps},
        {"color_mode", s.color_mode},
        {"driver", s.driver},
        {"progress", s.progress},
    };
}

void to_json(json& j, const ValuesOptions& v) {
    j = json{{"value_files", v.value_files},   {"values", v.values},
             {"string_values", v.string_values}, {"file_values", v.file_values},
             {"json_values", v.json_values},     {"literal_values", v.literal_values}};
}

namespace {

// The download options travel flattened into the request, as helm's action structs hold them.
void add_download(json& j, const DownloadOptions& d) {
    j["username"] = d.username;
    j["password"] = d.password;
    j["cert_file"] = d.cert_file;
    j["key_file"] = d.key_file;
    j["ca_file"] = d.ca_file;
    j["insecure_skip_tls_verify"] = d.insecure_skip_tls_verify;
    j["plain_http"] = d.plain_http;
}

}  // namespace

void to_json(json& j, const ChartPathOptions& c) {
    j = json{{"keyring", c.keyring},
             {"pass_credentials", c.pass_credentials},
             {"repo", c.repo},
             {"verify", c.verify},
             {"version", c.version}};
    add_download(j, c.download);
}

void to_json(json& j, const InstallOptions& o) {
    j = json{{"create_namespace", o.create_namespace},
             {"force_replace", o.force_replace},
             {"force_conflicts", o.force_conflicts},
             {"server_side", o.server_side},
             {"no_hooks", o.no_hooks},
             {"replace", o.replace},
             {"timeout", o.timeout},
             {"wait", o.wait},
             {"wait_for_jobs", o.wait_for_jobs},
             {"generate_name", o.generate_name},
             {"name_template", o.name_template},
             {"description", o.description},
             {"devel", o.devel},
             {"dependency_update", o.dependency_update},
             {"disable_openapi_validation", o.disable_openapi_validation},
             {"rollback_on_failure", o.rollback_on_failure},
             {"skip_crds", o.skip_crds},
             {"render_subchart_notes", o.render_subchart_notes},
             {"skip_schema_validation", o.skip_schema_validation},
             {"labels", o.labels},
             {"enable_dns", o.enable_dns},
             {"hide_notes", o.hide_notes},
             {"take_ownership", o.take_ownership},
             {"post_renderer", o.post_renderer},
             {"post_renderer_args", o.post_renderer_args}};
}

void to_json(json& j, const TemplateRequest& r) {
    j = json{{"settings", r.settings},       {"args", r.args},
             {"install", r.install},         {"values", r.values},
             {"chart", r.chart},             {"dry_run", r.dry_run},
             {"validate", r.validate},       {"show_only", r.show_only},
             {"output_dir", r.output_dir},   {"include_crds", r.include_crds},
             {"skip_tests", r.skip_tests},   {"is_upgrade", r.is_upgrade},
             {"kube_version", r.kube_version}, {"api_versions", r.api_versions},
             {"release_name", r.release_name}};
}

void to_json(json& j, const VersionRequest& r) {
    j = json{{"cpphelm_version", r.cpphelm_version},
             {"git_commit", r.git_commit},
             {"git_tree_state", r.git_tree_state},
             {"short", r.short_},
             {"template", r.template_}};
}

void to_json(json& j, const NamespaceRequest& r) { j = json{{"settings", r.settings}}; }

void to_json(json& j, const DriverCheckRequest& r) { j = json{{"memory_driver_data", r.memory_driver_data}}; }

void to_json(json& j, const CreateRequest& r) {
    j = json{{"name", r.name},
             {"starter", r.starter},
             {"starter_dir", r.starter_dir},
             {"chart_api_version", r.chart_api_version}};
}

void to_json(json& j, const LintRequest& r) {
    j = json{{"settings", r.settings},
             {"paths", r.paths},
             {"values", r.values},
             {"strict", r.strict},
             {"with_subcharts", r.with_subcharts},
             {"quiet", r.quiet},
             {"skip_schema_validation", r.skip_schema_validation},
             {"kube_version", r.kube_version}};
}

void to_json(json& j, const ShowRequest& r) {
    j = json{{"settings", r.settings}, {"format", r.format}, {"chart_ref", r.chart_ref},
             {"chart", r.chart},       {"devel", r.devel},   {"jsonpath", r.jsonpath}};
}

void to_json(json& j, const PackageRequest& r) {
    j = json{{"settings", r.settings},
             {"paths", r.paths},
             {"sign", r.sign},
             {"key", r.key},
             {"keyring", r.keyring},
             {"passphrase_file", r.passphrase_file},
             {"version", r.version},
             {"app_version", r.app_version},
             {"destination", r.destination},
             {"dependency_update", r.dependency_update}};
    add_download(j, r.download);
}

void to_json(json& j, const DependencyRequest& r) {
    j = json{{"settings", r.settings},   {"action", r.action},
             {"chart_path", r.chart_path}, {"max_col_width", r.max_col_width},
             {"verify", r.verify},       {"keyring", r.keyring},
             {"skip_refresh", r.skip_refresh}};
    add_download(j, r.download);
}

void to_json(json& j, const InstallRequest& r) {
    j = json{{"settings", r.settings}, {"args", r.args},       {"install", r.install},         {"values", r.values},
             {"chart", r.chart},       {"dry_run", r.dry_run}, {"hide_secret", r.hide_secret}, {"output", r.output}};
}

void to_json(json& j, const RevisionOptions& r) {
    j = json{{"description", r.description},
             {"force_replace", r.force_replace},
             {"force_conflicts", r.force_conflicts},
             {"server_side", r.server_side},
             {"no_hooks", r.no_hooks},
             {"timeout", r.timeout},
             {"wait", r.wait},
             {"wait_for_jobs", r.wait_for_jobs},
             {"cleanup_on_fail", r.cleanup_on_fail},
             {"history_max", r.history_max},
             {"dry_run", r.dry_run}};
}

void to_json(json& j, const UpgradeRequest& r) {
    j = json{{"settings", r.settings},
             {"release", r.release},
             {"chart_ref", r.chart_ref},
             {"revision", r.revision},
             {"values", r.values},
             {"chart", r.chart},
             {"install", r.install},
             {"create_namespace", r.create_namespace},
             {"devel", r.devel},
             {"hide_secret", r.hide_secret},
             {"disable_openapi_validation", r.disable_openapi_validation},
             {"skip_crds", r.skip_crds},
             {"reset_values", r.reset_values},
             {"reuse_values", r.reuse_values},
             {"reset_then_reuse_values", r.reset_then_reuse_values},
             {"rollback_on_failure", r.rollback_on_failure},
             {"render_subchart_notes", r.render_subchart_notes},
             {"hide_notes", r.hide_notes},
             {"skip_schema_validation", r.skip_schema_validation},
             {"labels", r.labels},
             {"dependency_update", r.dependency_update},
             {"enable_dns", r.enable_dns},
             {"take_ownership", r.take_ownership},
             {"post_renderer", r.post_renderer},
             {"post_renderer_args", r.post_renderer_args},
             {"output", r.output}};
}

void to_json(json& j, const RollbackRequest& r) {
    j = json{{"settings", r.settings}, {"release", r.release}, {"revision_arg", r.revision_arg},
             {"revision", r.revision}};
}

void to_json(json& j, const RegistryCheckRequest& r) { j = json{{"path", r.path}}; }

void to_json(json& j, const UnlockRequest& r) {
    j = json{{"settings", r.settings}, {"release", r.release}, {"min_age", r.min_age},
             {"dry_run", r.dry_run},   {"output", r.output}};
}

void to_json(json& j, const DiffOptions& o) {
    j = json{{"suppress_secrets", o.suppress_secrets},
             {"show_secrets", o.show_secrets},
             {"suppress", o.suppress},
             {"context", o.context},
             {"context_set", o.context_set},
             {"output", o.output},
             {"output_set", o.output_set},
             {"strip_trailing_cr", o.strip_trailing_cr},
             {"find_renames", o.find_renames},
             {"suppress_output_line_regex", o.suppress_output_line_regex},
             {"detailed_exitcode", o.detailed_exitcode},
             {"include_tests", o.include_tests},
             {"normalize_manifests", o.normalize_manifests},
             {"normalize_manifests_set", o.normalize_manifests_set},
             {"color", o.color},
             {"color_set", o.color_set},
             {"no_color", o.no_color},
             {"no_color_set", o.no_color_set},
             {"stdout_is_terminal", o.stdout_is_terminal}};
}

void to_json(json& j, const DiffUpgradeRequest& r) {
    j = json{{"settings", r.settings},
             {"diff", r.diff},
             {"release", r.release},
             {"chart", r.chart},
             {"chart_options", r.chart_options},
             {"values", r.values},
             {"devel", r.devel},
             {"disable_validation", r.disable_validation},
             {"disable_openapi_validation", r.disable_openapi_validation},
             {"enable_dns", r.enable_dns},
             {"skip_schema_validation", r.skip_schema_validation},
             {"reuse_values", r.reuse_values},
             {"reset_values", r.reset_values},
             {"reset_then_reuse_values", r.reset_then_reuse_values},
             {"allow_unreleased", r.allow_unreleased},
             {"install", r.install},
             {"no_hooks", r.no_hooks},
             {"post_renderer", r.post_renderer},
             {"post_renderer_args", r.post_renderer_args},
             {"three_way_merge", r.three_way_merge},
             {"three_way_merge_set", r.three_way_merge_set},
             {"api_versions", r.api_versions},
             {"kube_version", r.kube_version},
             {"dry_run", r.dry_run}};
}

void to_json(json& j, const DiffRevisionRequest& r) {
    j = json{{"settings", r.settings}, {"diff", r.diff}, {"release", r.release}, {"revisions", r.revisions}};
}

void to_json(json& j, const DiffReleaseRequest& r) {
    j = json{{"settings", r.settings}, {"diff", r.diff}, {"releases", r.releases}};
}

void to_json(json& j, const UninstallRequest& r) {
    j = json{{"settings", r.settings},     {"releases", r.releases},
             {"dry_run", r.dry_run},       {"no_hooks", r.no_hooks},
             {"ignore_not_found", r.ignore_not_found}, {"keep_history", r.keep_history},
             {"cascade", r.cascade},       {"timeout", r.timeout},
             {"description", r.description}, {"wait", r.wait}};
}

void to_json(json& j, const ListRequest& r) {
    j = json{{"settings", r.settings},         {"short", r.short_},
             {"no_headers", r.no_headers},     {"time_format", r.time_format},
             {"by_date", r.by_date},           {"sort_reverse", r.sort_reverse},
             {"uninstalled", r.uninstalled},   {"superseded", r.superseded},
             {"uninstalling", r.uninstalling}, {"deployed", r.deployed},
             {"failed", r.failed},             {"pending", r.pending},
             {"all_namespaces", r.all_namespaces}, {"max", r.max},
             {"offset", r.offset},             {"filter", r.filter},
             {"selector", r.selector},         {"output", r.output}};
}

void to_json(json& j, const StatusRequest& r) {
    j = json{{"settings", r.settings}, {"release", r.release}, {"revision", r.revision}, {"output", r.output}};
}

void to_json(json& j, const HistoryRequest& r) {
    j = json{{"settings", r.settings},
             {"release", r.release},
             {"max", r.max},
             {"show_rollback_revision", r.show_rollback_revision},
             {"output", r.output}};
}

void to_json(json& j, const GetRequest& r) {
    j = json{{"settings", r.settings}, {"what", r.what},           {"release", r.release},
             {"revision", r.revision}, {"template", r.template_}, {"all_values", r.all_values},
             {"output", r.output}};
}

void to_json(json& j, const ReleaseTestRequest& r) {
    j = json{{"settings", r.settings}, {"release", r.release}, {"timeout", r.timeout},
             {"logs", r.logs},         {"filter", r.filter}};
}

void to_json(json& j, const CompleteReleasesRequest& r) {
    j = json{{"settings", r.settings}, {"exclude", r.exclude}};
}

void to_json(json& j, const CompleteChartsRequest& r) {
    j = json{{"settings", r.settings}, {"to_complete", r.to_complete}, {"include_files", r.include_files}};
}

void to_json(json& j, const CompleteKubeRequest& r) { j = json{{"settings", r.settings}, {"what", r.what}}; }

void to_json(json& j, const CompleteReposRequest& r) { j = json{{"settings", r.settings}, {"exclude", r.exclude}}; }

void to_json(json& j, const PluginListRequest& r) { j = json{{"settings", r.settings}, {"type", r.type}}; }

void to_json(json& j, const PluginInstallRequest& r) {
    j = json{{"settings", r.settings}, {"source", r.source}, {"version", r.version},
             {"verify", r.verify},     {"keyring", r.keyring}};
    add_download(j, r.download);
}

void to_json(json& j, const PluginNamesRequest& r) { j = json{{"settings", r.settings}, {"names", r.names}}; }

void to_json(json& j, const PluginRunRequest& r) {
    j = json{{"settings", r.settings}, {"name", r.name}, {"args", r.args}};
}

void to_json(json& j, const PluginCompleteRequest& r) {
    j = json{{"settings", r.settings}, {"name", r.name}, {"path", r.path},
             {"args", r.args},         {"to_complete", r.to_complete}, {"line", r.line}};
}

void to_json(json& j, const PluginCommandsRequest& r) {
    j = json{{"settings", r.settings}, {"completion", r.completion}};
}

void to_json(json& j, const PluginPackageRequest& r) {
    j = json{{"path", r.path},       {"sign", r.sign},
             {"key", r.key},         {"keyring", r.keyring},
             {"passphrase_file", r.passphrase_file}, {"destination", r.destination}};
}

void to_json(json& j, const PluginVerifyRequest& r) { j = json{{"path", r.path}, {"keyring", r.keyring}}; }

void to_json(json& j, const DocsPage& p) { j = json{{"name", p.name}, {"text", p.text}}; }

void to_json(json& j, const DocsWriteRequest& r) {
    j = json{{"dir", r.dir},
             {"kind", r.kind},
             {"man_title", r.man_title},
             {"man_section", r.man_section},
             {"pages", r.pages}};
}

void to_json(json& j, const CompleteVersionsRequest& r) {
    j = json{{"settings", r.settings}, {"chart_ref", r.chart_ref}};
}

void to_json(json& j, const CompleteRevisionsRequest& r) {
    j = json{{"settings", r.settings}, {"release", r.release}};
}

void to_json(json& j, const RepoListRequest& r) {
    j = json{{"settings", r.settings}, {"no_headers", r.no_headers}, {"output", r.output}};
}

void to_json(json& j, const RepoRemoveRequest& r) { j = json{{"settings", r.settings}, {"names", r.names}}; }

void to_json(json& j, const RepoIndexRequest& r) {
    j = json{{"dir", r.dir}, {"url", r.url}, {"merge", r.merge}, {"json", r.json}};
}

void to_json(json& j, const RepoAddRequest& r) {
    j = json{{"settings", r.settings},
             {"name", r.name},
             {"url", r.url},
             {"password_stdin", r.password_stdin},
             {"force_update", r.force_update},
             {"allow_deprecated_repos", r.allow_deprecated_repos},
             {"pass_credentials", r.pass_credentials},
             {"timeout", r.timeout}};
    add_download(j, r.download);
}

void to_json(json& j, const RepoUpdateRequest& r) {
    j = json{{"settings", r.settings}, {"names", r.names}, {"timeout", r.timeout}};
}

void to_json(json& j, const SearchOptions& o) {
    j = json{{"max_col_width", o.max_col_width}, {"fail_on_no_result", o.fail_on_no_result}, {"output", o.output}};
}

void to_json(json& j, const SearchRepoRequest& r) {
    j = json{{"settings", r.settings}, {"keywords", r.keywords}, {"regexp", r.regexp},  {"versions", r.versions},
             {"devel", r.devel},       {"version", r.version},   {"search", r.search}};
}

void to_json(json& j, const SearchHubRequest& r) {
    j = json{{"settings", r.settings},
             {"keywords", r.keywords},
             {"endpoint", r.endpoint},
             {"list_repo_url", r.list_repo_url},
             {"search", r.search}};
}

void to_json(json& j, const PullRequest& r) {
    j = json{{"settings", r.settings}, {"chart_refs", r.chart_refs}, {"chart", r.chart},
             {"devel", r.devel},       {"untar", r.untar},           {"prov", r.prov},
             {"untardir", r.untardir}, {"destination", r.destination}};
}

void to_json(json& j, const PushRequest& r) {
    j = json{{"settings", r.settings}, {"chart_path", r.chart_path}, {"remote", r.remote}};
    add_download(j, r.download);
}

void to_json(json& j, const RegistryLoginRequest& r) {
    j = json{{"settings", r.settings}, {"host", r.host}, {"password_stdin", r.password_stdin}};
    add_download(j, r.download);
}

void to_json(json& j, const RegistryLogoutRequest& r) { j = json{{"settings", r.settings}, {"host", r.host}}; }

void to_json(json& j, const VerifyRequest& r) {
    j = json{{"settings", r.settings}, {"path", r.path}, {"keyring", r.keyring}};
}

}  // namespace cpphelm
