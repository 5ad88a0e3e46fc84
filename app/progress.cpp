#include "progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "cli/flags.hpp"

namespace cpphelm::app {

namespace {

std::string pad(std::string s, size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
}

std::string elapsed_text(double secs, int width) {
    std::string n = std::to_string(static_cast<long long>(secs));
    if (static_cast<int>(n.size()) < width) n.insert(0, static_cast<size_t>(width) - n.size(), ' ');
    return n + "s";
}

void write_stderr(const std::string& s) {
    std::fwrite(s.data(), 1, s.size(), stderr);
    std::fflush(stderr);
}

void default_sink(EventKind kind, std::string_view data) {
    if (kind == EventKind::Progress) return;
    std::FILE* f = kind == EventKind::Stdout ? stdout : stderr;
    std::fwrite(data.data(), 1, data.size(), f);
    std::fflush(f);
}

bool valid_mode(const std::string& m) { return m == "auto" || m == "plain" || m == "off"; }

}  // namespace

std::string ProgressView::clear() const {
    return m_table.empty() ? std::string() : "\x1b[" + std::to_string(m_table.size()) + "F\x1b[J";
}

std::string ProgressView::on_text(std::string_view text) {
    if (!m_live || m_table.empty()) return std::string(text);
    std::string out = clear() + std::string(text);
    for (const auto& l : m_table) out += l + "\n";
    return out;
}

std::string ProgressView::on_snapshot(std::string_view json) {
    auto j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_object() || !j.contains("resources") || !j["resources"].is_array()) return "";
    std::string phase = j.value("phase", std::string("wait"));
    double secs = j.value("elapsed", 0.0);
    std::string out;
    std::vector<std::string> table;
    size_t width = 0, ready = 0;
    for (const auto& r : j["resources"]) width = std::max(width, r.value("resource", std::string()).size());
    for (const auto& r : j["resources"]) {
        std::string res = r.value("resource", std::string()), state = r.value("state", std::string()),
                    msg = r.value("message", std::string());
        ready += state == "Current";
        table.push_back("  " + pad(res, width) + "  " + pad(state, 11) + "  " + msg);
        std::string key = phase + " " + res, now = state + "\t" + msg;
        if (m_live || m_seen[key] == now) continue;
        m_seen[key] = now;
        out += "[" + elapsed_text(secs, 4) + "] " + phase + " " + res + ": " + state + (msg.empty() ? "" : " - " + msg) +
               "\n";
    }
    if (!m_live) return out;
    static const std::map<std::string, std::string> verbs{
        {"wait", "waiting for"}, {"hook", "waiting for hook"}, {"delete", "waiting for the deletion of"}};
    auto verb = verbs.count(phase) ? verbs.at(phase) : phase;
    table.insert(table.begin(), "cpphelm: " + verb + " " + std::to_string(table.size()) + " resources (" +
                                    elapsed_text(secs, 0) + ", " + std::to_string(ready) + " ready)");
    out = clear();
    for (const auto& l : table) out += l + "\n";
    m_table = std::move(table);
    return out;
}

void add_progress_flag(cli::Command& c, Context& ctx) {
    if (auto env = ctx.env("CPPHELM_PROGRESS"); env && valid_mode(*env)) ctx.progress_mode = *env;
    cli::Flag f;
    f.name = "progress";
    f.type = "string";
    f.def = ctx.progress_mode;
    f.usage = "show the progress of waits on stderr: auto (a live table on a terminal), plain (a line per change), "
              "off. Default from CPPHELM_PROGRESS";
    f.normalise = [](const std::string& v, bool) -> std::vector<std::string> {
        if (valid_mode(v)) return {v};
        throw std::invalid_argument("must be one of: auto, plain, off");
    };
    f.apply = [&ctx](const std::vector<std::string>& v) { ctx.progress_mode = v.back(); };
    f.completion_registered = true;
    f.complete_value = [](const std::vector<std::string>&, const std::vector<std::string>&, const std::string&,
                          std::vector<std::string>& lines, int& directive) {
        lines = {"auto\ta live table on a terminal, nothing otherwise", "plain\ta line per change", "off\tnothing"};
        directive = 4;  // cobra's ShellCompDirectiveNoFileComp
    };
    c.add_flag(std::move(f));
}

ProgressScope::ProgressScope(Context& ctx) : m_ctx(ctx) {
    const std::string& m = ctx.progress_mode;
    bool live = m == "auto" && ::isatty(2);
    ctx.settings.progress = live ? "live" : m == "plain" ? "plain" : "off";
    if (ctx.settings.progress == "off") return;
    auto view = std::make_shared<ProgressView>(live);
    ctx.backend().set_event_sink([view](EventKind kind, std::string_view data) {
        if (kind == EventKind::Progress) write_stderr(view->on_snapshot(data));
        else if (kind == EventKind::Stderr) write_stderr(view->on_text(data));
        else default_sink(kind, data);
    });
    m_attached = true;
}

ProgressScope::~ProgressScope() {
    if (m_attached) m_ctx.backend().set_event_sink(default_sink);
}

}  // namespace cpphelm::app
