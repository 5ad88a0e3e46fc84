#include "cpphelm/results.hpp"

#include <string>

#include "cpphelm/errors.hpp"

namespace cpphelm {

namespace {

// A string member, "" when absent or null (helm's encoders omit empty fields).
std::string text(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// An integer member given as a number or, as `helm list` writes revisions, as a decimal string.
int number(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return 0;
    if (it->is_number_integer()) return it->get<int>();
    if (it->is_string()) {
        try {
            return std::stoi(it->get<std::string>());
        } catch (const std::exception&) {
        }
    }
    return 0;
}

const nlohmann::json& member(const nlohmann::json& j, const char* key) {
    static const nlohmann::json empty = nlohmann::json::object();
    auto it = j.find(key);
    return it != j.end() && it->is_object() ? *it : empty;
}

const nlohmann::json& array_of(const nlohmann::json& j, const char* what) {
    if (!j.is_array()) throw Error(ErrorKind::Internal, std::string("expected a JSON array of ") + what);
    return j;
}

}  // namespace

std::vector<ReleaseSummary> releases_from_json(const nlohmann::json& j) {
    std::vector<ReleaseSummary> out;
    for (const auto& e : array_of(j, "releases"))
        out.push_back({text(e, "name"), text(e, "namespace"), number(e, "revision"), text(e, "updated"),
                       text(e, "status"), text(e, "chart"), text(e, "app_version")});
    return out;
}

std::vector<RevisionSummary> revisions_from_json(const nlohmann::json& j) {
    std::vector<RevisionSummary> out;
    for (const auto& e : array_of(j, "revisions"))
        out.push_back({number(e, "revision"), text(e, "updated"), text(e, "status"), text(e, "chart"),
                       text(e, "app_version"), text(e, "description")});
    return out;
}

ReleaseStatus status_from_json(const nlohmann::json& j) {
    if (!j.is_object()) throw Error(ErrorKind::Internal, "expected a JSON release");
    const auto& info = member(j, "info");
    ReleaseStatus s;
    s.name = text(j, "name");
    s.namespace_ = text(j, "namespace");
    s.revision = number(j, "version");
    s.status = text(info, "status");
    s.description = text(info, "description");
    s.first_deployed = text(info, "first_deployed");
    s.last_deployed = text(info, "last_deployed");
    s.notes = text(info, "notes");
    s.manifest = text(j, "manifest");
    return s;
}

ReleaseMetadata metadata_from_json(const nlohmann::json& j) {
    if (!j.is_object()) throw Error(ErrorKind::Internal, "expected a JSON release metadata object");
    ReleaseMetadata m{text(j, "name"),      text(j, "chart"),    text(j, "version"),
                      text(j, "appVersion"), text(j, "namespace"), number(j, "revision"),
                      text(j, "status"),    text(j, "deployedAt"), {}};
    for (const auto& [k, v] : member(j, "annotations").items())
        if (v.is_string()) m.annotations[k] = v.get<std::string>();
    return m;
}

std::vector<ChartHit> chart_hits_from_json(const nlohmann::json& j) {
    std::vector<ChartHit> out;
    for (const auto& e : array_of(j, "charts"))
        out.push_back({text(e, "name"), text(e, "version"), text(e, "app_version"), text(e, "description")});
    return out;
}

}  // namespace cpphelm
