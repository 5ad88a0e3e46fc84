#include "cli/complete.hpp"

#include <algorithm>
#include <iostream>

#include "cli/argv.hpp"
#include "gotext/goparse.hpp"
#include "cpphelm/errors.hpp"

namespace cpphelm::cli {

namespace {

enum Directive { Error = 1, NoSpace = 2, NoFileComp = 4, FilterFileExt = 8, FilterDirs = 16, KeepOrder = 32 };

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

std::string bracketed(const std::vector<std::string>& v) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? " " : "") + v[i];
    return out + "]";
}

bool multi_valued(const Flag& f) {
    return f.type.find("Slice") != std::string::npos || f.type.find("Array") != std::string::npos ||
           f.type.rfind("stringTo", 0) == 0;
}

// cobra's getFlagNameCompletions over inherited flags, then the command's own, each sorted by name.
void complete_flag_names(const Command& c, const Invocation& inv, const std::string& prefix, Completions& out) {
    auto emit = [&](std::vector<Flag*> flags) {
        std::sort(flags.begin(), flags.end(), [](const Flag* a, const Flag* b) { return a->name < b->name; });
        for (const Flag* f : flags) {
            if (f->hidden || !f->deprecated.empty()) continue;
            if (inv.changed.count(f->name) && !multi_valued(*f)) continue;
            std::string long_name = "--" + f->name;
            if (long_name.rfind(prefix, 0) == 0) out.lines.push_back(long_name + "\t" + first_line(f->usage));
            std::string short_name = f->shorthand ? std::string("-") + f->shorthand : "";
            if (!short_name.empty() && short_name.rfind(prefix, 0) == 0)
                out.lines.push_back(short_name + "\t" + first_line(f->usage));
        }
    };
    emit(c.inherited_flags());
    emit(c.own_flags());
    out.directive = NoFileComp;
    if (out.lines.size() == 1 && out.lines[0].back() == '=') out.directive = NoSpace;
}

// cobra's sub-command names (with their short help) that start with `prefix`; returns whether `c`
// has any visible sub-command at all.
bool complete_subcommands(const Command& c, const std::string& prefix, Completions& out) {
    bool any = false;
    for (const Command* ch : c.sorted_children()) {
        if (ch->is_hidden()) continue;
        any = true;
        if (ch->name().rfind(prefix, 0) == 0) out.lines.push_back(ch->name() + "\t" + ch->short_help());
    }
    return any;
}

// The values helm registers completions for, for flags that take no cluster or repository lookup.
void complete_flag_value(const Flag& f, const std::string& prefix, Completions& out) {
    std::vector<std::string> values;
    if (f.type == "format") {
        values = {"json\tOutput result in JSON format", "table\tOutput result in human-readable format",
                  "yaml\tOutput result in YAML format"};
    } else if (f.name == "color" || f.name == "colour") {
        values = {"never", "auto", "always"};
    } else {
        out.directive = 0;  // file completion, as cobra's default
        return;
    }
    // helm's output-format completion answers every format and lets the shell filter.
    for (const auto& v : values)
        if (f.type == "format" || v.rfind(prefix, 0) == 0) out.lines.push_back(v);
    out.directive = NoFileComp;
}

// cobra's completion of a command that does not parse its flags (a CLI plugin and the sub-commands
// its completion.yaml names): the words after it are its arguments as they are.
Completions complete_raw(Command& cmd, const std::vector<std::string>& args, const std::string& to_complete) {
    Completions out;
    if (!to_complete.empty() && to_complete[0] == '-' && to_complete.find('=') == std::string::npos) {
        // cobra gives such a command no -h/--help; its directive stands unless a completer answers.
        complete_flag_names(cmd, Invocation{}, to_complete, out);
        out.lines.erase(std::remove_if(out.lines.begin(), out.lines.end(),
                                       [](const std::string& l) {
                                           return l.rfind("--help\t", 0) == 0 || l.rfind("-h\t", 0) == 0;
                                       }),
                        out.lines.end());
        out.directive = out.lines.size() == 1 && out.lines[0].back() == '=' ? NoSpace : NoFileComp;
    } else {
        out.directive = 0;
        if (args.empty() && complete_subcommands(cmd, to_complete, out)) out.directive = NoFileComp;
        if (!cmd.valid_args().empty()) {
            if (args.empty()) {
                for (const auto& v : cmd.valid_args())
                    if (v.rfind(to_complete, 0) == 0) out.lines.push_back(v);
                out.directive = NoFileComp;
            }
            return out;
        }
    }
    if (cmd.args_completer()) {
        std::vector<std::string> lines;
        int directive = 0;
        cmd.args_completer()(args, args, to_complete, lines, directive);
        out.lines.insert(out.lines.end(), lines.begin(), lines.end());
        out.directive = directive;
    }
    return out;
}

}  // namespace

std::string directive_name(int d) {
    if (d == 0) return "ShellCompDirectiveDefault";
    std::string out;
    const std::pair<int, const char*> names[] = {
        {Error, "ShellCompDirectiveError"},           {NoSpace, "ShellCompDirectiveNoSpace"},
        {NoFileComp, "ShellCompDirectiveNoFileComp"}, {FilterFileExt, "ShellCompDirectiveFilterFileExt"},
        {FilterDirs, "ShellCompDirectiveFilterDirs"}, {KeepOrder, "ShellCompDirectiveKeepOrder"}};
    for (const auto& [bit, name] : names)
        if (d & bit) out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

Completions complete(Command& root, const std::vector<std::string>& args) {
    Completions out;
    std::string to_complete = args.empty() ? "" : args.back();
    std::vector<std::string> trimmed(args.begin(), args.end() - (args.empty() ? 0 : 1));
    Found found;
    try {
        found = find_command(root, trimmed);
    } catch (const cpphelm::Error&) {
        out.error = "unable to find a command for arguments: " + bracketed(trimmed);
        return out;
    }
    Command& cmd = *found.command;
    std::vector<std::string> rest = found.rest;
    if (cmd.flag_parsing_disabled()) return complete_raw(cmd, rest, to_complete);

    // A flag waiting for its value: "--flag=<tab>" or "--flag <tab>".
    const Flag* value_flag = nullptr;
    if (to_complete.size() > 1 && to_complete[0] == '-' && to_complete.find('=') != std::string::npos) {
        std::string name = to_complete.substr(0, to_complete.find('='));
        value_flag = name.rfind("--", 0) == 0 ? cmd.lookup(name.substr(2))
                                             : (name.size() == 2 ? cmd.lookup_short(name[1]) : nullptr);
        if (value_flag) to_complete = to_complete.substr(to_complete.find('=') + 1);
    } else if (!rest.empty() && rest.back().size() > 1 && rest.back()[0] == '-' &&
               rest.back().find('=') == std::string::npos) {
        const std::string& last = rest.back();
        const Flag* f = last.rfind("--", 0) == 0 ? cmd.lookup(last.substr(2))
                                                 : (last.size() == 2 ? cmd.lookup_short(last[1]) : nullptr);
        if (f && f->noopt.empty()) {
            value_flag = f;
            rest.pop_back();
        }
    }
    Invocation inv;
    try {
        parse_flags(cmd, rest, inv);
    } catch (const cpphelm::Error& e) {
        out.error = "Error while parsing flags from args " + bracketed(rest) + ": " + e.what();
        return out;
    }
    if (inv.help) {
        out.directive = NoFileComp;
        return out;
    }
    if (value_flag && value_flag->complete_value) {
        value_flag->complete_value(inv.args, rest, to_complete, out.lines, out.directive);
        return out;
    }
    if (value_flag) {
        complete_flag_value(*value_flag, to_complete, out);
        return out;
    }
    if (!to_complete.empty() && to_complete[0] == '-') {
        complete_flag_names(cmd, inv, to_complete, out);
        return out;
    }
    if (cmd.is_help_command()) {
        // cobra's help command completes command names below the words already given.
        Command* target = &root;
        try {
            target = find_command(root, inv.args).command;
        } catch (const cpphelm::Error&) {
            out.directive = NoFileComp;
            return out;
        }
        complete_subcommands(*target, to_complete, out);
        out.directive = NoFileComp;
        return out;
    }
    if (cmd.args_completer()) {
        std::vector<std::string> lines;
        int directive = 0;
        if (cmd.args_completer()(inv.args, rest, to_complete, lines, directive)) {
            out.lines = std::move(lines);
            out.directive = directive;
            return out;
        }
    }
    if (!cmd.valid_args().empty() && inv.args.empty()) {
        out.lines = cmd.valid_args();  // like helm's ValidArgsFunction for env: the shell filters
        out.directive = NoFileComp;
        return out;
    }
    bool has_subs = inv.args.empty() && complete_subcommands(cmd, to_complete, out);
    if (has_subs) {
        out.directive = NoFileComp;
    } else if (cmd.args_rule().kind == ArgsRule::None || !cmd.valid_args().empty()) {
        out.lines.push_back(kNoMoreArgsHelp);
        out.directive = NoFileComp;
    }
    return out;
}

int run_complete(Command& root, const std::vector<std::string>& args, bool descriptions) {
    Completions c = complete(root, args);
    if (!c.error.empty()) std::cerr << "[Debug] [Error] " << c.error << "\n";
    for (std::string line : c.lines) {
        if (!descriptions) line = line.substr(0, line.find('\t'));
        line = first_line(line);
        std::cout << goparse::trim_space(line) << "\n";  // cobra trims each completion
    }
    std::cout << ":" << c.directive << "\n";
    std::cerr << "Completion ended with directive: " << directive_name(c.directive) << "\n";
    return 0;
}

}  // namespace cpphelm::cli
