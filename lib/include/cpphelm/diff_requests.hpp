#pragma once
// Requests of `cpphelm diff` (helm-diff built in); the shared option blocks are in requests.hpp.

#include <string>
#include <vector>

#include "cpphelm/requests.hpp"

namespace cpphelm {

// helm-diff's report options and colour flags, shared by every `cpphelm diff` command.
struct DiffOptions {
    bool suppress_secrets = false;                     // -q: Secret added to the suppressed kinds
    bool show_secrets = false;
    std::vector<std::string> suppress;                 // kinds left out of the report
    int context = -1;                                  // -C: lines of context (-1: the whole object)
    bool context_set = false;                          // -C given (else HELM_DIFF_OUTPUT_CONTEXT)
    std::string output = "diff";                       // diff, simple, template, json or dyff
    bool output_set = false;                           // --output given (else HELM_DIFF_OUTPUT)
    bool strip_trailing_cr = false;
    float find_renames = 0;                            // -D
    std::vector<std::string> suppress_output_line_regex;
    bool detailed_exitcode = false;                    // exit 2 when there are changes
    bool include_tests = false;
    bool normalize_manifests = false;
    bool normalize_manifests_set = false;              // given (else HELM_DIFF_NORMALIZE_MANIFESTS)
    bool color = false;                                // diff's own boolean --color
    bool color_set = false;                            // given (else HELM_DIFF_COLOR)
    bool no_color = false;
    bool no_color_set = false;
    bool stdout_is_terminal = false;                   // colours by default only on a terminal
};

// `cpphelm diff upgrade RELEASE CHART` (helm-diff's `diff upgrade`): what an upgrade would change.
struct DiffUpgradeRequest {
    GlobalSettings settings;
    DiffOptions diff;
    std::string release;
    std::string chart;
    ChartPathOptions chart_options;
    ValuesOptions values;
    bool devel = false;
    bool disable_validation = false;
    bool disable_openapi_validation = false;
    bool enable_dns = false;
    bool skip_schema_validation = false;
    bool reuse_values = false;
    bool reset_values = false;
    bool reset_then_reuse_values = false;
    bool allow_unreleased = false;
    bool install = false;
    bool no_hooks = false;
    std::string post_renderer;
    std::vector<std::string> post_renderer_args;
    bool three_way_merge = false;
    bool three_way_merge_set = false;  // given (else HELM_DIFF_THREE_WAY_MERGE)
    std::vector<std::string> api_versions;
    std::string kube_version;
    std::string dry_run;  // empty: not given; "client" when given bare
};

// `cpphelm diff revision RELEASE REV1 [REV2]` and `cpphelm diff rollback RELEASE REVISION`.
struct DiffRevisionRequest {
    GlobalSettings settings;
    DiffOptions diff;
    std::string release;
    std::vector<std::string> revisions;
};

// `cpphelm diff release A B` (each may be NAMESPACE/RELEASE).
struct DiffReleaseRequest {
    GlobalSettings settings;
    DiffOptions diff;
    std::vector<std::string> releases;
};

}  // namespace cpphelm
