#include "commands/shared_flags.hpp"

#include <filesystem>
#include <stdexcept>

#include "cli/flags.hpp"
#include "gotext/goparse.hpp"

namespace cpphelm::app {

using namespace cpphelm::cli;

void add_values_flags(Command& c, ValuesOptions& v) {
    string_slice_flag(c, "values", 'f', v.value_files, "specify values in a YAML file or a URL (can specify multiple)");
    string_array_flag(c, "set", 0, v.values,
                      "set values on the command line (can specify multiple or separate values with commas: "
                      "key1=val1,key2=val2)");
    string_array_flag(c, "set-string", 0, v.string_values,
                      "set STRING values on the command line (can specify multiple or separate values with commas: "
                      "key1=val1,key2=val2)");
    string_array_flag(c, "set-file", 0, v.file_values,
                      "set values from respective files specified via the command line (can specify multiple or "
                      "separate values with commas: key1=path1,key2=path2)");
    string_array_flag(c, "set-json", 0, v.json_values,
                      "set JSON values on the command line (can specify multiple or separate values with commas: "
                      "key1=jsonval1,key2=jsonval2 or using json format: {\"key1\": jsonval1, \"key2\": \"jsonval2\"})");
    string_array_flag(c, "set-literal", 0, v.literal_values, "set a literal STRING value on the command line");
}

void add_chart_path_flags(Command& c, ChartPathOptions& o) {
    string_flag(c, "version", 0, o.version,
                "specify a version constraint for the chart version to use. This constraint can be a specific tag "
                "(e.g. 1.1.1) or it may reference a valid range (e.g. ^2.0.0). If this is not specified, the latest "
                "version is used");
    bool_flag(c, "verify", 0, o.verify, "verify the package before using it");
    string_flag(c, "keyring", 0, o.keyring, "location of public keys used for verification");
    string_flag(c, "repo", 0, o.repo, "chart repository url where to locate the requested chart");
    bool_flag(c, "pass-credentials", 0, o.pass_credentials, "pass credentials to all domains");
    add_download_flags(c, o.download);
}

void add_download_flags(Command& c, DownloadOptions& d) {
    string_flag(c, "username", 0, d.username, "chart repository username where to locate the requested chart");
    string_flag(c, "password", 0, d.password, "chart repository password where to locate the requested chart");
    string_flag(c, "cert-file", 0, d.cert_file, "identify HTTPS client using this SSL certificate file");
    string_flag(c, "key-file", 0, d.key_file, "identify HTTPS client using this SSL key file");
    bool_flag(c, "insecure-skip-tls-verify", 0, d.insecure_skip_tls_verify,
              "skip tls certificate checks for the chart download");
    bool_flag(c, "plain-http", 0, d.plain_http, "use insecure HTTP connections for the chart download");
    string_flag(c, "ca-file", 0, d.ca_file, "verify certificates of HTTPS-enabled servers using this CA bundle");
}

std::string clean_path(const std::string& path) {
    if (path.empty()) return ".";
    bool rooted = path[0] == '/';
    std::vector<std::string> parts;
    size_t i = 0;
    while (i <= path.size()) {
        size_t j = path.find('/', i);
        if (j == std::string::npos) j = path.size();
        std::string part = path.substr(i, j - i);
        if (part.empty() || part == ".") {
        } else if (part == "..") {
            if (!parts.empty() && parts.back() != "..") parts.pop_back();
            else if (!rooted) parts.push_back("..");
        } else {
            parts.push_back(part);
        }
        i = j + 1;
    }
    std::string out = rooted ? "/" : "";
    for (size_t k = 0; k < parts.size(); ++k) out += (k ? "/" : "") + parts[k];
    return out.empty() ? "." : out;
}

void add_wait_flag(Command& c, std::string& wait) {
    Flag f;
    f.name = "wait";
    f.type = "WaitStrategy";
    f.def = wait;
    f.noopt = "watcher";
    f.usage =
        "wait until resources are ready (up to --timeout). Use '--wait' alone for 'watcher' strategy, or specify "
        "one of: 'watcher', 'hookOnly', 'legacy'. Default when flag is omitted: 'hookOnly'.";
    f.normalise = [](const std::string& v, bool) -> std::vector<std::string> {
        if (v == "watcher" || v == "hookOnly" || v == "legacy") return {v};
        if (v == "true") {
            warn(slog_warn("--wait=true is deprecated (boolean value) and can be replaced with --wait=watcher"));
            return {"watcher"};
        }
        if (v == "false") {
            warn(slog_warn("--wait=false is deprecated (boolean value) and can be replaced with --wait=hookOnly"));
            return {"hookOnly"};
        }
        throw std::invalid_argument("invalid wait input \"" + v + "\". Valid inputs are watcher, hookOnly, and legacy");
    };
    f.apply = [&wait](const std::vector<std::string>& v) { wait = v.back(); };
    c.add_flag(std::move(f));
}

void add_install_flags(Command& c, InstallOptions& o, ValuesOptions& v, ChartPathOptions& p) {
    bool_flag(c, "create-namespace", 0, o.create_namespace, "create the release namespace if not present");
    add_force_flags(c, o.force_replace, o.force_conflicts);
    bool_flag(c, "server-side", 0, o.server_side, "object updates run in the server instead of the client");
    bool_flag(c, "no-hooks", 0, o.no_hooks, "prevent hooks from running during install");
    bool_flag(c, "replace", 0, o.replace,
              "reuse the given name, only if that name is a deleted release which remains in the history. This is "
              "unsafe in production");
    add_timeout_flag(c, o.timeout);
    add_wait_for_jobs_flag(c, o.wait_for_jobs);
    bool_flag(c, "generate-name", 'g', o.generate_name, "generate the name (and omit the NAME parameter)");
    string_flag(c, "name-template", 0, o.name_template, "specify template used to name the release");
    string_flag(c, "description", 0, o.description, "add a custom description");
    bool_flag(c, "devel", 0, o.devel,
              "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored");
    bool_flag(c, "dependency-update", 0, o.dependency_update,
              "update dependencies if they are missing before installing the chart");
    bool_flag(c, "disable-openapi-validation", 0, o.disable_openapi_validation,
              "if set, the installation process will not validate rendered templates against the Kubernetes OpenAPI "
              "Schema");
    bool_flag(c, "rollback-on-failure", 0, o.rollback_on_failure,
              "if set, Helm will rollback (uninstall) the installation upon failure. The --wait flag will be default "
              "to \"watcher\" if --rollback-on-failure is set");
    deprecate(bool_flag(c, "atomic", 0, o.rollback_on_failure, "deprecated"), "use --rollback-on-failure instead");
    bool_flag(c, "skip-crds", 0, o.skip_crds,
              "if set, no CRDs will be installed. By default, CRDs are installed if not already present");
    auto& subnotes = bool_flag(c, "render-subchart-notes", 0, o.render_subchart_notes,
                               "if set, render subchart notes along with the parent");
    bool_flag(c, "skip-schema-validation", 0, o.skip_schema_validation, "if set, disables JSON schema validation");
    string_to_string_flag(c, "labels", 'l', o.labels,
                          "Labels that would be added to release metadata. Should be divided by comma.");
    bool_flag(c, "enable-dns", 0, o.enable_dns, "enable DNS lookups when rendering templates");
    auto& hide_notes = bool_flag(c, "hide-notes", 0, o.hide_notes,
                                 "if set, do not show notes in install output. Does not affect presence in chart "
                                 "metadata");
    bool_flag(c, "take-ownership", 0, o.take_ownership,
              "if set, install will ignore the check for helm annotations and take ownership of the existing "
              "resources");
    if (c.name() == "template") {
        const char* msg = "this flag has no effect for 'helm template' and will be removed in Helm 5";
        deprecate(hide_notes, msg);
        deprecate(subnotes, msg);
    }
    add_values_flags(c, v);
    add_chart_path_flags(c, p);
    add_wait_flag(c, o.wait);
}

void add_force_flags(Command& c, bool& force_replace, bool& force_conflicts) {
    bool_flag(c, "force-replace", 0, force_replace, "force resource updates by replacement");
    deprecate(bool_flag(c, "force", 0, force_replace, "deprecated"), "use --force-replace instead");
    bool_flag(c, "force-conflicts", 0, force_conflicts, "if set server-side apply will force changes against conflicts");
    c.exclusive({"force-replace", "force-conflicts"});
    c.exclusive({"force", "force-conflicts"});
}

void add_timeout_flag(Command& c, std::string& timeout) {
    duration_flag(c, "timeout", timeout, "time to wait for any individual Kubernetes operation (like Jobs for hooks)");
}

void add_wait_for_jobs_flag(Command& c, bool& wait_for_jobs) {
    bool_flag(c, "wait-for-jobs", 0, wait_for_jobs,
              "if set and --wait enabled, will wait until all Jobs have been completed before marking the release as "
              "successful. It will wait for as long as --timeout");
}

const char* const kDryRunUsage =
    "simulates the operation without persisting changes. Must be one of: \"none\" (default), \"client\", or "
    "\"server\". '--dry-run=none' executes the operation normally and persists changes (no simulation). "
    "'--dry-run=client' simulates the operation client-side only and avoids cluster connections. "
    "'--dry-run=server' simulates the operation on the server, requiring cluster connectivity.";

void add_dry_run_flag(Command& c, std::string& dry_run, const std::string& usage) {
    Flag f;
    f.name = "dry-run";
    f.type = "string";
    f.def = dry_run;
    f.noopt = "unset";
    f.usage = usage;
    f.normalise = [](const std::string& v, bool) { return std::vector<std::string>{v}; };
    f.apply = [&dry_run](const std::vector<std::string>& v) { dry_run = v.back(); };
    c.add_flag(std::move(f));
}

void warn_dry_run(const std::string& v, bool for_template) {
    if (v == "unset") {
        warn(slog_warn("--dry-run is deprecated and should be replaced with '--dry-run=client'"));
        return;
    }
    // helm reads any other value with strconv.ParseBool after the names it knows.
    if (v == "none" || v == "client" || v == "server") return;
    auto b = goparse::parse_bool(v);
    if (!b || (for_template && !*b)) return;  // errors, reported when the command runs
    warn(slog_warn("boolean '--dry-run=" + v + "' flag is deprecated and must be replaced with '--dry-run=" +
                   (*b ? "client" : "none") + "'"));
}

void add_output_flag(Command& c, std::string& output) {
    Flag f;
    f.name = "output";
    f.shorthand = 'o';
    f.type = "format";
    f.completion_registered = true;  // table, json, yaml
    f.def = output;
    f.usage = "prints the output in the specified format. Allowed values: table, json, yaml";
    f.normalise = [](const std::string& v, bool) -> std::vector<std::string> {
        if (v == "table" || v == "json" || v == "yaml") return {v};
        throw std::invalid_argument("invalid format type");
    };
    f.apply = [&output](const std::vector<std::string>& v) { output = v.back(); };
    c.add_flag(std::move(f));
}

void add_revision_flags(Command& c, RevisionOptions& o, const std::string& action, int history_max) {
    add_force_flags(c, o.force_replace, o.force_conflicts);
    string_flag(c, "server-side", 0, o.server_side,
                "must be \"true\", \"false\" or \"auto\". Object updates run in the server instead of the client "
                "(\"auto\" defaults the value from the previous chart release's method)");
    add_timeout_flag(c, o.timeout);
    add_wait_for_jobs_flag(c, o.wait_for_jobs);
    bool_flag(c, "cleanup-on-fail", 0, o.cleanup_on_fail,
              "allow deletion of new resources created in this " + action + " when " + action + " fails");
    o.history_max = history_max;
    int_flag(c, "history-max", 0, o.history_max,
             "limit the maximum number of revisions saved per release. Use 0 for no limit");
    add_dry_run_flag(c, o.dry_run);
    add_wait_flag(c, o.wait);
}

void add_registry_tls_flags(Command& c, DownloadOptions& d, const std::string& transfer) {
    string_flag(c, "cert-file", 0, d.cert_file, "identify registry client using this SSL certificate file");
    string_flag(c, "key-file", 0, d.key_file, "identify registry client using this SSL key file");
    string_flag(c, "ca-file", 0, d.ca_file, "verify certificates of HTTPS-enabled servers using this CA bundle");
    bool_flag(c, "plain-http", 0, d.plain_http, "use insecure HTTP connections for the " + transfer);
}

void add_registry_client_flags(Command& c, DownloadOptions& d, const std::string& transfer) {
    add_registry_tls_flags(c, d, transfer);
    bool_flag(c, "insecure-skip-tls-verify", 0, d.insecure_skip_tls_verify,
              "skip tls certificate checks for the " + transfer);
}

void add_sign_flags(Command& c, bool& sign, std::string& key, std::string& keyring, std::string& passphrase_file,
                    const std::string& what, const std::string& read_words) {
    bool_flag(c, "sign", 0, sign, "use a PGP private key to sign this " + what);
    string_flag(c, "key", 0, key, "name of the key to use when signing. Used if --sign is true");
    string_flag(c, "keyring", 0, keyring, "location of a public keyring");
    string_flag(c, "passphrase-file", 0, passphrase_file,
                "location of a file which contains the passphrase for the signing key. Use \"-\" " + read_words +
                    " from stdin.");
}

void add_post_render_flags(Command& c, InstallOptions& o) {
    add_post_render_flags(c, o.post_renderer, o.post_renderer_args);
}

void add_post_render_flags(Command& c, std::string& renderer, std::vector<std::string>& renderer_args) {
    Flag pr;
    pr.name = "post-renderer";
    pr.type = "postRendererString";
    pr.usage =
        "the name of a postrenderer type plugin to be used for post rendering. If it exists, the plugin will be used";
    pr.normalise = [](const std::string& v, bool first) -> std::vector<std::string> {
        if (v.empty()) return {};
        if (!first) throw std::invalid_argument("cannot specify --post-renderer flag more than once");
        return {v};
    };
    pr.apply = [&renderer](const std::vector<std::string>& v) { renderer = v.back(); };
    c.add_flag(std::move(pr));

    Flag args;
    args.name = "post-renderer-args";
    args.type = "postRendererArgsSlice";
    args.def = "[]";
    args.usage = "an argument to the post-renderer (can specify multiple)";
    args.normalise = [](const std::string& v, bool) { return std::vector<std::string>{v}; };
    args.apply = [&renderer_args](const std::vector<std::string>& v) { renderer_args = v; };
    c.add_flag(std::move(args));
}

std::string default_keyring(const EnvLookup& env) {
    std::string home = env("GNUPGHOME").value_or(env("HOME").value_or("") + "/.gnupg");
    std::string legacy = home + "/pubring.gpg";
    std::error_code ec;
    if (std::filesystem::exists(legacy, ec)) return legacy;
    std::string keybox = home + "/pubring.kbx";
    if (std::filesystem::exists(keybox, ec)) return keybox;
    return legacy;
}

}  // namespace cpphelm::app
