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
    };
}

void to_json(json& j, const ValuesOptions& v) {
    j = json{{"value_files", v.value_files},   {"values", v.values},
             {"string_values", v.string_values}, {"file_values", v.file_values},
             {"json_values", v.json_values},     {"literal_values", v.literal_values}};
}

void to_json(json& j, const ChartPathOptions& c) {
    j = json{{"ca_file", c.ca_file},
             {"cert_file", c.cert_file},
             {"key_file", c.key_file},
             {"insecure_skip_tls_verify", c.insecure_skip_tls_verify},
             {"plain_http", c.plain_http},
             {"keyring", c.keyring},
             {"pass_credentials", c.pass_credentials},
             {"password", c.password},
             {"repo", c.repo},
             {"username", c.username},
             {"verify", c.verify},
             {"version", c.version}};
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

}  // namespace cpphelm
