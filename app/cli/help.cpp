#include "cli/help.hpp"

#include <algorithm>

#include "gotext/goparse.hpp"

namespace cpphelm::cli {

namespace {

std::string trim_right(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
    return s;
}

// pflag's UnquoteUsage: a `backquoted` word in the usage is the value's name; else the type's.
std::pair<std::string, std::string> unquote_usage(const Flag& f) {
    std::string usage = f.usage;
    auto a = usage.find('`');
    if (a != std::string::npos) {
        auto b = usage.find('`', a + 1);
        if (b != std::string::npos) {
            std::string name = usage.substr(a + 1, b - a - 1);
            return {name, usage.substr(0, a) + name + usage.substr(b + 1)};
        }
    }
    std::string name = f.type;
    if (name == "bool") name = "";
    else if (name == "float64") name = "float";
    else if (name == "int64") name = "int";
    else if (name == "uint64") name = "uint";
    else if (name == "stringSlice") name = "strings";
    return {name, usage};
}

// pflag's defaultIsZeroValue.
bool default_is_zero(const Flag& f) {
    const std::string& t = f.type;
    const std::string& d = f.def;
    if (t == "bool") return d == "false";
    if (t == "duration") return d == "0" || d == "0s";
    if (t == "int" || t == "int8" || t == "int32" || t == "int64" || t == "uint" || t == "uint8" || t == "uint16" ||
        t == "uint32" || t == "uint64" || t == "count" || t == "float32" || t == "float64")
        return d == "0";
    if (t == "string") return d.empty();
    if (t == "stringSlice" || t == "stringArray" || t == "intSlice") return d == "[]";
    return d == "false" || d == "<nil>" || d.empty() || d == "0";
}

}  // namespace

std::string flag_usages(std::vector<Flag*> flags) {
    std::sort(flags.begin(), flags.end(), [](const Flag* a, const Flag* b) { return a->name < b->name; });
    std::vector<std::pair<std::string, std::string>> lines;
    size_t maxlen = 0;
    for (const Flag* f : flags) {
        if (f->hidden) continue;
        std::string line = f->shorthand ? std::string("  -") + f->shorthand + ", --" + f->name : "      --" + f->name;
        auto [varname, usage] = unquote_usage(*f);
        if (!varname.empty()) line += " " + varname;
        if (!f->noopt.empty()) {
            if (f->type == "string") line += "[=\"" + f->noopt + "\"]";
            else if (f->type == "bool") {
                if (f->noopt != "true") line += "[=" + f->noopt + "]";
            } else line += "[=" + f->noopt + "]";
        }
        maxlen = std::max(maxlen, line.size() + 1);  // + the NUL pflag uses as a marker
        if (!default_is_zero(*f)) {
            if (f->type == "string") usage += " (default " + goparse::quote(f->def) + ")";
            else usage += " (default " + f->def + ")";
        }
        lines.emplace_back(line, usage);
    }
    std::string out;
    for (const auto& [head, usage] : lines) {
        // pflag: Fprintln(line[:sidx], spacing, wrap(maxlen+2, 0, usage)) with spacing = maxlen - sidx.
        std::string spacing(maxlen - head.size(), ' ');
        std::string body;
        for (char ch : usage) {
            body += ch;
            if (ch == '\n') body += std::string(maxlen + 2, ' ');
        }
        out += head + " " + spacing + " " + body + "\n";
    }
    return out;
}

std::string render_help(const Command& c) {
    std::string out;
    std::string text = c.long_help().empty() ? c.short_help() : c.long_help();
    if (!text.empty()) out += trim_right(text) + "\n\n";
    bool has_subs = std::any_of(c.children().begin(), c.children().end(),
                                [](const auto& ch) { return !ch->is_hidden(); });
    if (!c.runnable() && !has_subs) return out;

    out += "Usage:";
    if (c.runnable()) out += "\n  " + c.use_line();
    if (has_subs) out += "\n  " + c.path() + " [command]";
    if (!c.aliases().empty()) {
        out += "\n\nAliases:\n  " + c.name();
        for (const auto& a : c.aliases()) out += ", " + a;
    }
    if (!c.example().empty()) out += "\n\nExamples:\n" + c.example();
    if (has_subs) {
        out += "\n\nAvailable Commands:";
        size_t pad = 11;
        for (const auto& ch : c.children()) pad = std::max(pad, ch->name().size());
        for (const Command* ch : c.sorted_children()) {
            if (ch->is_hidden()) continue;
            std::string name = ch->name();
            name.resize(std::max(name.size(), pad), ' ');
            out += "\n  " + name + " " + ch->short_help();
        }
    }
    auto local = c.own_flags();
    if (std::any_of(local.begin(), local.end(), [](const Flag* f) { return !f->hidden; }))
        out += "\n\nFlags:\n" + trim_right(flag_usages(local));
    auto inherited = c.inherited_flags();
    if (std::any_of(inherited.begin(), inherited.end(), [](const Flag* f) { return !f->hidden; }))
        out += "\n\nGlobal Flags:\n" + trim_right(flag_usages(inherited));
    if (has_subs) out += "\n\nUse \"" + c.path() + " [command] --help\" for more information about a command.";
    return out + "\n";
}

}  // namespace cpphelm::cli
