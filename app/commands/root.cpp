#include <cctype>
#include <stdexcept>
#include <string>

#include "cli/flags.hpp"
#include "gotext/goparse.hpp"
#include "commands/context.hpp"
#include "cpphelm/client.hpp"
#include "cpphelm/errors.hpp"

namespace cpphelm::app {

using namespace cpphelm::cli;

namespace {

// klog's number flags parse as klog's Set methods do (strconv.ParseInt(v, 10, 32); a threshold also
// takes a severity name), so a bad value fails with Go's error text, as in helm.
Flag& klog_number(Flag& f, bool severity_names) {
    f.normalise = [severity_names](const std::string& v, bool) -> std::vector<std::string> {
        std::string upper;
        for (char ch : v) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (severity_names && (upper == "INFO" || upper == "WARNING" || upper == "ERROR" || upper == "FATAL"))
            return {v};
        size_t sign = !v.empty() && (v[0] == '+' || v[0] == '-') ? 1 : 0;
        bool decimal = v.size() > sign && v.find_first_not_of("0123456789", sign) == std::string::npos;
        if (!decimal) throw std::invalid_argument("strconv.ParseInt: parsing " + goparse::quote(v) + ": invalid syntax");
        auto r = goparse::parse_int(v, 32);
        if (!r.value) throw std::invalid_argument(r.error);
        return {v};
    };
    return f;
}

// klog's flags, which helm registers hidden on its root: accepted and ignored, as helm ignores them.
void add_klog_flags(Command& root) {
    static bool b_add_dir_header, b_alsologtostderr, b_legacy = true, b_logtostderr = true, b_one_output,
        b_skip_headers, b_skip_log_headers;
    static std::string s_log_dir, s_log_file, s_backtrace = ":0", s_vmodule, s_threshold = "0", s_stderr = "2",
                                                 s_v = "0", s_max_size = "1800";
    hide(bool_flag(root, "add-dir-header", 0, b_add_dir_header, "If true, adds the file directory to the header of the log messages", true));
    hide(bool_flag(root, "alsologtostderr", 0, b_alsologtostderr, "log to standard error as well as files (no effect when -logtostderr=true)", true));
    hide(klog_number(string_flag(root, "alsologtostderrthreshold", 0, s_threshold, "logs at or above this threshold go to stderr when -alsologtostderr=true (no effect when -logtostderr=true)", true), true));
    hide(bool_flag(root, "legacy-stderr-threshold-behavior", 0, b_legacy, "If true, stderrthreshold is ignored when logtostderr=true (legacy behavior). If false, stderrthreshold is honored even when logtostderr=true", true));
    hide(string_flag(root, "log-backtrace-at", 0, s_backtrace, "when logging hits line file:N, emit a stack trace", true));
    hide(string_flag(root, "log-dir", 0, s_log_dir, "If non-empty, write log files in this directory (no effect when -logtostderr=true)", true));
    hide(string_flag(root, "log-file", 0, s_log_file, "If non-empty, use this log file (no effect when -logtostderr=true)", true));
    hide(string_flag(root, "log-file-max-size", 0, s_max_size, "Defines the maximum size a log file can grow to (no effect when -logtostderr=true). Unit is megabytes. If the value is 0, the maximum file size is unlimited.", true));
    hide(bool_flag(root, "logtostderr", 0, b_logtostderr, "log to standard error instead of files", true));
    hide(bool_flag(root, "one-output", 0, b_one_output, "If true, only write logs to their native severity level (vs also writing to each lower severity level; no effect when -logtostderr=true)", true));
    hide(bool_flag(root, "skip-headers", 0, b_skip_headers, "If true, avoid header prefixes in the log messages", true));
    hide(bool_flag(root, "skip-log-headers", 0, b_skip_log_headers, "If true, avoid headers when opening log files (no effect when -logtostderr=true)", true));
    hide(klog_number(string_flag(root, "stderrthreshold", 0, s_stderr, "logs at or above this threshold go to stderr when writing to files and stderr (no effect when -logtostderr=true or -alsologtostderr=false)", true), true));
    hide(klog_number(string_flag(root, "v", 'v', s_v, "number for the log level verbosity", true), false));
    hide(string_flag(root, "vmodule", 0, s_vmodule, "comma-separated list of pattern=N settings for file-filtered logging", true));
}

}  // namespace

void add_global_flags(Command& root, Context& ctx) {
    GlobalSettings& s = ctx.settings;
    // --namespace and --kube-context values complete from the cluster and the kubeconfig, as helm's
    // root command registers (only these lookups start the Go runtime).
    auto kube_lookup = [&ctx](const char* what) {
        return [&ctx, what](const std::vector<std::string>&, const std::vector<std::string>& words,
                            const std::string&, std::vector<std::string>& lines, int& directive) {
            try {
                Completion c = Client(ctx.backend()).complete_kube({settings_from_words(ctx.settings, words), what});
                lines = std::move(c.lines);
                directive = c.directive;
            } catch (const cpphelm::Error&) {
                lines.clear();
                directive = 0;
            }
        };
    };
    string_flag(root, "namespace", 'n', s.namespace_, "namespace scope for this request", true).complete_value =
        kube_lookup("namespaces");
    string_flag(root, "kubeconfig", 0, s.kubeconfig, "path to the kubeconfig file", true);
    string_flag(root, "kube-context", 0, s.kube_context, "name of the kubeconfig context to use", true)
        .complete_value = kube_lookup("contexts");
    string_flag(root, "kube-token", 0, s.kube_token, "bearer token used for authentication", true);
    string_flag(root, "kube-as-user", 0, s.kube_as_user, "username to impersonate for the operation", true);
    auto& groups = string_array_flag(
        root, "kube-as-group", 0, s.kube_as_groups,
        "group to impersonate for the operation, this flag can be repeated to specify multiple groups.", true);
    // helm parses its global flags twice (a pre-parse in NewRootCmd, then cobra's), and a string
    // array appends on the second pass: the groups given end up listed twice. Kept for parity.
    groups.apply = [&s](const std::vector<std::string>& v) {
        s.kube_as_groups = v;
        s.kube_as_groups.insert(s.kube_as_groups.end(), v.begin(), v.end());
    };
    string_flag(root, "kube-apiserver", 0, s.kube_apiserver, "the address and the port for the Kubernetes API server",
                true);
    string_flag(root, "kube-ca-file", 0, s.kube_ca_file,
                "the certificate authority file for the Kubernetes API server connection", true);
    string_flag(root, "kube-tls-server-name", 0, s.kube_tls_server_name,
                "server name to use for Kubernetes API server certificate validation. If it is not provided, the "
                "hostname used to contact the server is used",
                true);
    bool_flag(root, "kube-insecure-skip-tls-verify", 0, s.kube_insecure_skip_tls_verify,
              "if true, the Kubernetes API server's certificate will not be checked for validity. This will make your "
              "HTTPS connections insecure",
              true);
    bool_flag(root, "debug", 0, s.debug, "enable verbose output", true);
    string_flag(root, "registry-config", 0, s.registry_config, "path to the registry config file", true);
    string_flag(root, "repository-config", 0, s.repository_config,
                "path to the file containing repository names and URLs", true);
    string_flag(root, "repository-cache", 0, s.repository_cache,
                "path to the directory containing cached repository indexes", true);
    string_flag(root, "content-cache", 0, s.content_cache,
                "path to the directory containing cached content (e.g. charts)", true);
    int_flag(root, "burst-limit", 0, s.burst_limit, "client-side default throttling limit", true);
    float32_flag(root, "qps", 0, s.qps,
                 "queries per second used when communicating with the Kubernetes API, not including bursting", true);
    string_flag(root, "color", 0, s.color_mode, "use colored output (never, auto, always)", true)
        .completion_registered = true;
    string_flag(root, "colour", 0, s.color_mode, "use colored output (never, auto, always)", true)
        .completion_registered = true;
    add_klog_flags(root);
}

}  // namespace cpphelm::app
