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
// helm's defaultKeyring(): $GNUPGHOME (or ~/.gnupg) pubring.gpg, or pubring.kbx when only that exists.
std::string default_keyring(const EnvLookup& env);

}  // namespace cpphelm::app
