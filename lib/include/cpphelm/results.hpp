#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cpphelm {

// ---- typed results: what a program reads, decoded from the JSON helm's printers write ----

// One release as `helm list` shows it.
struct ReleaseSummary {
    std::string name;
    std::string namespace_;
    int revision = 0;
    std::string updated;  // helm's time text ("2026-12-05 02:10:00.1 +0000 UTC"), or "-"
    std::string status;   // deployed, failed, pending-install, superseded, uninstalled, …
    std::string chart;    // name-version
    std::string app_version;
};

// One revision of a release as `helm history` shows it.
struct RevisionSummary {
    int revision = 0;
    std::string updated;  // RFC 3339, "" when never deployed
    std::string status;
    std::string chart;
    std::string app_version;
    std::string description;
};

// A release's state as `helm status` knows it (helm's status leaves the chart out: see ReleaseMetadata).
struct ReleaseStatus {
    std::string name;
    std::string namespace_;
    int revision = 0;
    std::string status;
    std::string description;
    std::string first_deployed;  // RFC 3339
    std::string last_deployed;
    std::string notes;
    std::string manifest;
};

// A release's chart and state as `helm get metadata` shows them.
struct ReleaseMetadata {
    std::string name;
    std::string chart;    // the chart's name
    std::string version;  // the chart's version
    std::string app_version;
    std::string namespace_;
    int revision = 0;
    std::string status;
    std::string deployed_at;  // RFC 3339
    std::map<std::string, std::string> annotations;
};

// One chart version `helm search repo` found.
struct ChartHit {
    std::string name;  // repo/chart
    std::string version;
    std::string app_version;
    std::string description;
};

// Decoders of helm's JSON output (list, history, status, get metadata, search repo -o json) into the types above.
std::vector<ReleaseSummary> releases_from_json(const nlohmann::json& j);
std::vector<RevisionSummary> revisions_from_json(const nlohmann::json& j);
ReleaseStatus status_from_json(const nlohmann::json& j);
ReleaseMetadata metadata_from_json(const nlohmann::json& j);
std::vector<ChartHit> chart_hits_from_json(const nlohmann::json& j);

// ---- printed results ----

// Output of an operation that prints: bytes for stdout exactly as helm would print them.
struct Printed {
    std::string stdout_bytes;
};

// A completion lookup's answer: cobra's lines ("value\tdescription") and directive bits.
// A plugin's completion.yaml (helm's pluginCommand): sub-commands, flags and fixed arguments.
struct PluginCompletionTree {
    std::string name;
    std::vector<std::string> valid_args;
    std::vector<std::string> flags;
    std::vector<PluginCompletionTree> commands;
    bool has_commands = false;  // "commands" was given (even empty): no plugin.complete then
};

// A CLI plugin as a command: its name and cobra texts (helm's loadCLIPlugins), and its completion.yaml
// when it has a valid one.
struct PluginCommand {
    std::string name;         // the command: its usage's first word
    std::string plugin_name;  // its metadata name
    std::string use;
    std::string short_help;
    std::string long_help;
    std::optional<PluginCompletionTree> completion;
};

struct Completion {
    std::vector<std::string> lines;
    int directive = 0;
};

}  // namespace cpphelm
