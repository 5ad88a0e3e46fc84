#pragma once

#include "cli/model.hpp"
#include "cpphelm/requests.hpp"

// Flag groups several helm commands share (helm's addValueOptionsFlags, addChartPathOptionsFlags, …).
namespace cpphelm::app {

void add_values_flags(cli::Command& c, ValuesOptions& v);
void add_chart_path_flags(cli::Command& c, ChartPathOptions& o);
// --username/--password/--cert-file/--key-file/--ca-file/--insecure-skip-tls-verify/--plain-http.
void add_download_flags(cli::Command& c, DownloadOptions& d);
// Go's filepath.Clean: the shortest lexically equivalent path.
std::string clean_path(const std::string& path);
// The wait strategy flag (--wait[=watcher]).
void add_wait_flag(cli::Command& c, std::string& wait);
// The install flags (incl. values, chart-path and wait flags) of install, upgrade and template.
void add_install_flags(cli::Command& c, InstallOptions& o, ValuesOptions& v, ChartPathOptions& p);
// --post-renderer and --post-renderer-args.
void add_post_render_flags(cli::Command& c, InstallOptions& o);
void add_post_render_flags(cli::Command& c, std::string& renderer, std::vector<std::string>& args);
// --force-replace, the deprecated --force, --force-conflicts, and their exclusive groups.
void add_force_flags(cli::Command& c, bool& force_replace, bool& force_conflicts);
// --timeout for Kubernetes operations (install, upgrade, rollback, uninstall, test).
void add_timeout_flag(cli::Command& c, std::string& timeout);
// --wait-for-jobs.
void add_wait_for_jobs_flag(cli::Command& c, bool& wait_for_jobs);
// helm's addDryRunFlag: --dry-run[="unset"], a string checked when the command runs.
extern const char* const kDryRunUsage;
void add_dry_run_flag(cli::Command& c, std::string& dry_run, const std::string& usage = kDryRunUsage);
// What helm's cmdGetDryRunFlagStrategy logs for the deprecated spellings of --dry-run, when the command
// runs (template: `for_template`, where a false boolean is an error instead).
void warn_dry_run(const std::string& value, bool for_template = false);
// helm's bindOutputFlag: -o/--output of type "format" (table, json or yaml).
void add_output_flag(cli::Command& c, std::string& output);
// The flags upgrade and rollback share; `action` names the operation in --cleanup-on-fail's text.
// --history-max defaults to HELM_MAX_HISTORY (`history_max`), as helm reads it when building the command.
void add_revision_flags(cli::Command& c, RevisionOptions& o, const std::string& action, int history_max);
// --cert-file/--key-file/--ca-file of a registry client and --plain-http for the `transfer`
// ("chart upload", "plugin download").
void add_registry_tls_flags(cli::Command& c, DownloadOptions& d, const std::string& transfer);
// The above plus --insecure-skip-tls-verify (push, plugin install).
void add_registry_client_flags(cli::Command& c, DownloadOptions& d, const std::string& transfer);
// The signing flags of `package` and `plugin package`: --sign, --key, --keyring, --passphrase-file.
// `what` is what gets signed ("package", "plugin"); `read_words` is how helm words reading the passphrase
// from stdin ("in order to read", "to read").
void add_sign_flags(cli::Command& c, bool& sign, std::string& key, std::string& keyring, std::string& passphrase_file,
                    const std::string& what, const std::string& read_words);
// helm's defaultKeyring(): $GNUPGHOME (or ~/.gnupg) pubring.gpg, or pubring.kbx when only that exists.
std::string default_keyring(const EnvLookup& env);

}  // namespace cpphelm::app
