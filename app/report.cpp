#include "report.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

#include "gotext/goparse.hpp"
#include "cpphelm/errors.hpp"

namespace cpphelm::app {

namespace {

using ojson = nlohmann::ordered_json;

ojson parse_details(const std::string& text) {
    if (text.empty()) return ojson::object();
    auto d = ojson::parse(text, nullptr, false);
    return d.is_object() ? d : ojson::object();
}

std::string dump(const ojson& j) { return j.dump(-1, ' ', false, ojson::error_handler_t::replace); }

// The command that unlocks the release the details name.
std::string unlock_command(const ojson& d, const ReportStyle& style) {
    std::string cmd = style.program + " unlock " + d.value("release", std::string());
    if (auto ns = d.value("namespace", std::string()); !ns.empty()) cmd += " --namespace " + ns;
    for (const auto& f : style.scope_flags) cmd += " " + f;
    return cmd;
}

// What cpphelm adds after helm's error line when the release's latest revision is left pending.
std::string pending_hint(const ojson& d, const ReportStyle& style) {
    const ojson& p = d.at("pending");
    long long secs = p.value("for_seconds", 0LL);
    std::string text = "hint: release \"" + d.value("release", std::string()) + "\" has been " +
                       p.value("status", std::string()) + " since " + p.value("since", std::string()) + " (revision " +
                       std::to_string(p.value("revision", 0)) + ", " + goparse::format_duration(secs * 1000000000LL) + " ago).\n";
    if (secs < 300)
        text += "hint: an operation may still be running; unlock refuses until it has been pending for 5m0s "
                "(--min-age).\n";
    text += "hint: if no helm or cpphelm operation is running on it, mark that revision failed with:\n"
            "hint:   " + unlock_command(d, style) + "\n";
    return text;
}

// Lines for the resources a wait gave up on, as the details list them, each with its causes.
std::string not_ready_text(const ojson& d) {
    std::string text;
    for (const auto& r : d.at("resources")) {
        std::string msg = r.value("message", std::string());
        text += "not ready: " + r.value("resource", std::string()) + " (" + r.value("state", std::string()) +
                (msg.empty() ? "" : ": " + msg) + ")\n";
        if (auto it = r.find("causes"); it != r.end() && it->is_array())
            for (const auto& c : *it)
                if (c.is_string()) text += "not ready:   " + c.get<std::string>() + "\n";
    }
    return text;
}

std::string additions(const ojson& d, const ReportStyle& style) {
    std::string text;
    if (d.contains("resources") && d.at("resources").is_array()) text += not_ready_text(d);
    if (d.contains("pending") && d.at("pending").is_object()) text += pending_hint(d, style);
    return text;
}

std::string error_line(const Error& x, const ReportStyle& style) {
    ojson d = parse_details(x.details_json());
    ojson e{{"message", x.what()}, {"kind", x.kind_name()}, {"exit_code", x.exit_code()}};
    for (auto it = d.begin(); it != d.end(); ++it) e[it.key()] = it.value();
    if (d.contains("pending")) e["hint"] = unlock_command(d, style);
    return dump(ojson{{"error", e}});
}

}  // namespace

std::string json_error_line(const std::string& message, const std::string& kind, int exit_code) {
    return dump(ojson{{"error", {{"message", message}, {"kind", kind}, {"exit_code", exit_code}}}});
}

int report(std::exception_ptr e, std::ostream& out, std::ostream& err, const ReportStyle& style) {
    try {
        std::rethrow_exception(e);
    } catch (const Error& x) {
        out << x.partial_stdout();
        out.flush();
        if (style.json) {
            err << error_line(x, style) << "\n";
        } else {
            if (x.kind() != ErrorKind::Exit) err << "Error: " << x.what() << "\n";
            err << additions(parse_details(x.details_json()), style);
        }
        return x.exit_code();
    } catch (const std::exception& x) {
        out.flush();
        if (style.json)
            err << json_error_line(x.what(), "internal", 1) << "\n";
        else
            err << "Error: " << x.what() << "\n";
        return 1;
    } catch (...) {
        out.flush();
        if (style.json)
            err << json_error_line("unknown error", "internal", 1) << "\n";
        else
            err << "Error: unknown error\n";
        return 1;
    }
}

}  // namespace cpphelm::app
