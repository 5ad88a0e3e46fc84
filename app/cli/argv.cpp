#include "cli/argv.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "cli/flags.hpp"
#include "gotext/goparse.hpp"
#include "cpphelm/errors.hpp"

namespace cpphelm::cli {

namespace {

// cobra adds -h/--help to the command it runs only after its Find: while finding the command, help is
// an unknown flag, which (like any flag without "=") takes the next word as its value.
bool has_noopt(const Command& c, const std::string& name) {
    Flag* f = c.lookup(name);
    return f && f->name != "help" && !f->noopt.empty();
}

bool short_has_noopt(const Command& c, const std::string& s) {
    Flag* f = c.lookup_short(s[0]);
    return f && f->name != "help" && !f->noopt.empty();
}

// Is `s` a flag that consumes the next word as its value (cobra's stripFlags/argsMinusFirstX test)?
bool takes_next(const Command& c, const std::string& s) {
    if (s.rfind("--", 0) == 0 && s.find('=') == std::string::npos && !has_noopt(c, s.substr(2))) return true;
    return s.size() == 2 && s[0] == '-' && s[1] != '-' && !short_has_noopt(c, s.substr(1));
}


// cobra's argsMinusFirstX: removes the first non-flag occurrence of `x`.
std::vector<std::string> minus_first(const Command& c, std::vector<std::string> args, const std::string& x) {
    for (size_t pos = 0; pos < args.size(); ++pos) {
        const std::string& s = args[pos];
        if (s == "--") break;
        if (takes_next(c, s)) {
            ++pos;
            continue;
        }
        if (!s.empty() && s[0] != '-' && s == x) {
            args.erase(args.begin() + static_cast<long>(pos));
            return args;
        }
    }
    return args;
}

size_t levenshtein(const std::string& a, const std::string& b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string lower(std::string s) {
    for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

// Collects the values of one command's flags with pflag's semantics.
class FlagParser {
public:
    explicit FlagParser(Command& c) : m_cmd(c) {}

    void parse(const std::vector<std::string>& args, Invocation& inv) {
        size_t i = 0;
        while (i < args.size()) {
            const std::string& s = args[i++];
            if (s.size() < 2 || s[0] != '-') {
                inv.args.push_back(s);
                continue;
            }
            if (s[1] == '-') {
                if (s.size() == 2) {
                    inv.args.insert(inv.args.end(), args.begin() + static_cast<long>(i), args.end());
                    break;
                }
                parse_long(s, args, i, inv);
            } else {
                parse_short(s, args, i, inv);
            }
        }
    }

    const FlagValues& values() const { return m_values; }

private:
    void set(Flag* f, const std::string& value, Invocation& inv) {
        if (f->name == "help") {
            auto b = value == "true" || value == "1" || value == "t" || value == "T" || value == "TRUE" || value == "True";
            if (!b && value != "false" && value != "0" && value != "f" && value != "F" && value != "FALSE" &&
                value != "False")
                throw usage_error("invalid argument " + goparse::quote(value) +
                                  " for \"-h, --help\" flag: strconv.ParseBool: parsing " + goparse::quote(value) +
                                  ": invalid syntax");
            inv.help = b;
            inv.changed.insert("help");
            return;
        }
        bool first = !inv.changed.count(f->name);
        std::vector<std::string> items;
        try {
            items = f->normalise(value, first);
        } catch (const std::invalid_argument& e) {
            std::string flag_name = f->shorthand ? std::string("-") + f->shorthand + ", --" + f->name : "--" + f->name;
            throw usage_error("invalid argument " + goparse::quote(value) + " for " + goparse::quote(flag_name) +
                              " flag: " + e.what());
        }
        inv.changed.insert(f->name);
        if (!f->deprecated.empty()) warn("Flag --" + f->name + " has been deprecated, " + f->deprecated);
        m_values.emplace_back(f, std::move(items));
    }

    void parse_long(const std::string& s, const std::vector<std::string>& args, size_t& i, Invocation& inv) {
        std::string name = s.substr(2);
        if (name.empty() || name[0] == '-' || name[0] == '=') throw usage_error("bad flag syntax: " + s);
        auto eq = name.find('=');
        std::string key = name.substr(0, eq);
        Flag* f = m_cmd.lookup(key);
        if (!f) throw usage_error("unknown flag: --" + key);
        std::string value;
        if (eq != std::string::npos) {
            value = name.substr(eq + 1);
        } else if (!f->noopt.empty()) {
            value = f->noopt;
        } else if (i < args.size()) {
            value = args[i++];
        } else {
            throw usage_error("flag needs an argument: " + s);
        }
        set(f, value, inv);
    }

    void parse_short(const std::string& s, const std::vector<std::string>& args, size_t& i, Invocation& inv) {
        std::string shorthands = s.substr(1);
        // pflag passes the same remaining args to every letter of a group: only a last letter may take one.
        while (!shorthands.empty()) {
            char c = shorthands[0];
            Flag* f = m_cmd.lookup_short(c);
            if (!f) throw usage_error(std::string("unknown shorthand flag: '") + c + "' in -" + shorthands);
            std::string value;
            if (shorthands.size() > 2 && shorthands[1] == '=') {
                value = shorthands.substr(2);
                shorthands.clear();
            } else if (!f->noopt.empty()) {
                value = f->noopt;
                shorthands = shorthands.substr(1);
            } else if (shorthands.size() > 1) {
                value = shorthands.substr(1);
                shorthands.clear();
            } else if (i < args.size()) {
                value = args[i++];
                shorthands.clear();
            } else {
                throw usage_error(std::string("flag needs an argument: '") + c + "' in -" + shorthands);
            }
            set(f, value, inv);
        }
    }

    Command& m_cmd;
    FlagValues m_values;
};

// The command whose flag list owns `f` (root for the global flags).
const Command* owner_of(const Command& cmd, const Flag* f) {
    for (const Command* c = &cmd; c; c = c->parent())
        for (Flag* g : c->own_flags())
            if (g == f) return c;
    return &cmd;
}

}  // namespace

std::string suggestions(const Command& parent, const std::string& typed) {
    std::string out;
    for (const auto& c : parent.children()) {
        if (c->is_hidden() || c->name() == "help") continue;
        bool match = levenshtein(lower(typed), lower(c->name())) <= 2 ||
                     lower(c->name()).rfind(lower(typed), 0) == 0;
        if (match) out += "\t" + c->name() + "\n";
    }
    return out.empty() ? out : "\n\nDid you mean this?\n" + out;
}

std::vector<std::string> strip_flags(const Command& c, const std::vector<std::string>& args) {
    std::vector<std::string> words;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& s = args[i];
        if (s == "--") break;
        if ((s.rfind("--", 0) == 0 && s.find('=') == std::string::npos && !has_noopt(c, s.substr(2))) ||
            (s.size() == 2 && s[0] == '-' && s.find('=') == std::string::npos && !short_has_noopt(c, s.substr(1)))) {
            if (args.size() - i <= 2) break;  // "-f arg" at the end: nothing after it
            ++i;
            continue;
        }
        if (!s.empty() && s[0] != '-') words.push_back(s);
    }
    return words;
}

namespace {

// The root's persistent flag for a long name or shorthand; help is not one (cobra adds it later).
const Flag* early_flag(const Command& root, const std::string& name, char shorthand) {
    for (const auto& f : root.persistent_flags())
        if (f->name != "help" && (shorthand ? f->shorthand == shorthand : f->name == name)) return f.get();
    return nullptr;
}

// pflag's stripUnknownFlagValue: an unknown flag without "=" takes the next word unless it is a flag.
size_t skip_unknown_value(const std::vector<std::string>& args, size_t next) {
    return next < args.size() && (args[next].empty() || args[next][0] != '-') ? next + 1 : next;
}

}  // namespace

EarlySettings early_settings(const Command& root, const std::vector<std::string>& args, EarlySettings out) {
    // Sets one flag as pflag's Set would; false when its value is rejected (the parse ends there).
    auto set = [&out](const Flag& f, const std::string& value) {
        try {
            if (f.normalise) f.normalise(value, true);
        } catch (const std::invalid_argument&) {
            return false;
        }
        if (f.name == "color" || f.name == "colour") out.color = value;
        if (f.name == "registry-config") out.registry_config = value;
        return true;
    };
    for (size_t i = 0; i < args.size();) {
        const std::string& s = args[i++];
        if (s.size() < 2 || s[0] != '-') continue;  // interspersed arguments
        if (s == "--") break;
        if (s[1] == '-') {
            std::string name = s.substr(2), value;
            if (name.empty() || name[0] == '-' || name[0] == '=') break;  // bad flag syntax
            auto eq = name.find('=');
            bool has_value = eq != std::string::npos;
            if (has_value) value = name.substr(eq + 1), name = name.substr(0, eq);
            const Flag* f = early_flag(root, name, 0);
            if (!f) {
                if (name == "help") break;  // pflag's ErrHelp
                if (!has_value) i = skip_unknown_value(args, i);
                continue;
            }
            if (!has_value && !f->noopt.empty()) value = f->noopt;
            else if (!has_value && i < args.size()) value = args[i++];
            else if (!has_value) break;  // flag needs an argument
            if (!set(*f, value)) break;
            continue;
        }
        std::string shorts = s.substr(1);
        bool stop = false;
        while (!shorts.empty() && !stop) {
            const Flag* f = early_flag(root, "", shorts[0]);
            if (!f) {
                if (shorts[0] == 'h') {
                    stop = true;  // pflag's ErrHelp
                } else if (shorts.size() > 2 && shorts[1] == '=') {
                    shorts.clear();  // "-x=value": the value goes with the unknown flag
                } else {
                    i = skip_unknown_value(args, i);  // and the group goes on with its next letter
                    shorts.erase(0, 1);
                }
                continue;
            }
            std::string value;
            if (shorts.size() > 2 && shorts[1] == '=') value = shorts.substr(2), shorts.clear();
            else if (!f->noopt.empty()) value = f->noopt, shorts.erase(0, 1);
            else if (shorts.size() > 1) value = shorts.substr(1), shorts.clear();
            else if (i < args.size()) value = args[i++], shorts.clear();
            else stop = true;  // flag needs an argument
            if (!stop && !set(*f, value)) stop = true;
        }
        if (stop) break;
    }
    return out;
}

Found find_command(Command& root, const std::vector<std::string>& argv) {
    // cobra's Find: walk down while the first non-flag word names a subcommand.
    Found f{&root, argv, {}};
    root.materialise();
    while (true) {
        auto words = strip_flags(*f.command, f.rest);
        if (words.empty()) break;
        Command* next = f.command->find_child(words[0]);
        if (!next) {
            if (f.command == &root && !root.children().empty() && !root.root_takes_args())
                throw usage_error("unknown command " + goparse::quote(words[0]) + " for \"" + root.path() + "\"" +
                                  suggestions(root, words[0]) + "\nRun '" + root.path() + " --help' for usage.");
            break;
        }
        f.rest = minus_first(*f.command, f.rest, words[0]);
        f.command = next;
        f.command->materialise();
        f.path.push_back(f.command);
    }
    return f;
}

FlagValues parse_flags(Command& cmd, const std::vector<std::string>& args, Invocation& inv) {
    FlagParser fp(cmd);
    fp.parse(args, inv);
    return fp.values();
}

Parsed parse_argv(Command& root, const std::vector<std::string>& argv) {
    Found found = find_command(root, argv);
    Command* cmd = found.command;
    const auto& path = found.path;
    Parsed out;
    out.invocation.command = cmd;
    FlagValues values = parse_flags(*cmd, found.rest, out.invocation);

    // Normalised argv for CLI11: each flag right after the command that owns it.
    std::map<const Command*, std::vector<std::string>> by_owner;
    for (const auto& [flag, items] : values)
        for (const auto& item : items)
            by_owner[owner_of(*cmd, flag)].push_back("--" + flag->name + "=" + kValueMark + item);
    auto& args = out.cli11_args;
    args.insert(args.end(), by_owner[&root].begin(), by_owner[&root].end());
    for (Command* c : path) {
        args.push_back(c->name());
        args.insert(args.end(), by_owner[c].begin(), by_owner[c].end());
    }
    if (cmd != &root) {
        args.push_back("--");
        for (const auto& a : out.invocation.args) args.push_back(std::string(1, kValueMark) + a);
    }
    return out;
}

void bind(CLI::App& app, Command& command, const std::vector<std::string>& cli11_args) {
    std::vector<std::string> reversed(cli11_args.rbegin(), cli11_args.rend());
    try {
        app.parse(reversed);
    } catch (const CLI::ParseError& e) {
        throw Error(ErrorKind::Internal, std::string("cpphelm: argument binding failed: ") + e.what());
    }
    auto apply = [](Flag* f) {
        if (!f->option || f->option->count() == 0 || !f->apply) return;
        std::vector<std::string> values;
        for (const auto& v : f->option->results()) values.push_back(!v.empty() && v[0] == kValueMark ? v.substr(1) : v);
        f->apply(values);
    };
    for (Flag* f : command.own_flags()) apply(f);
    for (Flag* f : command.inherited_flags()) apply(f);
}

void validate(const Invocation& inv) {
    const Command& c = *inv.command;
    const ArgsRule& r = c.args_rule();
    auto n = static_cast<int>(inv.args.size());
    auto plural = [](int k) { return k == 1 ? std::string("argument") : std::string("arguments"); };
    std::string head = "\"" + c.path() + "\" ";
    std::string tail = "\n\nUsage:  " + c.use_line();
    switch (r.kind) {
        case ArgsRule::None:
            if (n > 0) throw usage_error(head + "accepts no arguments" + tail);
            break;
        case ArgsRule::Exact:
            if (n != r.n) throw usage_error(head + "requires " + std::to_string(r.n) + " " + plural(r.n) + tail);
            break;
        case ArgsRule::Min:
            if (n < r.n)
                throw usage_error(head + "requires at least " + std::to_string(r.n) + " " + plural(r.n) + tail);
            break;
        case ArgsRule::Max:
            if (n > r.n)
                throw usage_error(head + "accepts at most " + std::to_string(r.n) + " " + plural(r.n) + tail);
            break;
        case ArgsRule::Any:
            break;
    }
    for (const auto& group : c.exclusive_groups()) {
        std::vector<std::string> set;
        for (const auto& name : group)
            if (inv.changed.count(name)) set.push_back(name);
        if (set.size() > 1) {
            std::sort(set.begin(), set.end());
            std::string g, s;
            for (const auto& name : group) g += (g.empty() ? "" : " ") + name;
            for (const auto& name : set) s += (s.empty() ? "" : " ") + name;
            throw usage_error("if any flags in the group [" + g + "] are set none of the others can be; [" + s +
                              "] were all set");
        }
    }
}

}  // namespace cpphelm::cli
