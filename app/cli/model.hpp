#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

// The one command/flag model: a tree of CLI11 apps with options, plus what cobra/pflag need that CLI11
// does not hold (pflag types, NoOptDefVal, deprecation, cobra's Use/Long texts, argument rules).
// It drives parsing (argv.cpp), help (help.cpp), and later man pages and completion.
namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace cpphelm::cli {

// A pflag flag: CLI11 holds name/shorthand/usage; this holds pflag's semantics.
struct Flag {
    std::string name;
    char shorthand = 0;
    std::string type;     // pflag Value.Type(): bool, string, int, float32, duration, stringSlice, …
    std::string def;      // pflag DefValue, as --help prints it
    std::string usage;
    std::string noopt;    // NoOptDefVal ("true" for bools): the value when given without "="
    bool hidden = false;
    std::string deprecated;  // non-empty: hidden, and using it prints "Flag --x has been deprecated, <msg>"
    // Parses one occurrence as pflag's Value.Set would; returns the normalised items or throws
    // std::invalid_argument with Set's error text. `first` is true for the first occurrence.
    std::function<std::vector<std::string>(const std::string& value, bool first)> normalise;
    // Stores the normalised items of every occurrence into the request (called after CLI11 parsed them).
    std::function<void(const std::vector<std::string>&)> apply;
    CLI::Option* option = nullptr;
    // Completion of this flag's value that needs a lookup (cobra's RegisterFlagCompletionFunc): given
    // the positionals, the other words of the line and the word being completed, it fills the lines
    // and cobra's directive.
    std::function<void(const std::vector<std::string>& args, const std::vector<std::string>& words,
                       const std::string& to_complete, std::vector<std::string>& lines, int& directive)>
        complete_value;
    // helm registers a completion function for this flag (cobra's RegisterFlagCompletionFunc), whether
    // its values come from a lookup (complete_value) or a fixed list; cobra's legacy bash script
    // (`docs --type bash`) hands such flags to the program.
    bool completion_registered = false;
};

// cobra's positional-argument rules (helm's pkg/cmd/require).
struct ArgsRule {
    enum Kind { Any, None, Exact, Min, Max } kind = Any;
    int n = 0;
};

class Command;

// What the parser found: the command, its positionals and which flags were given.
struct Invocation {
    Command* command = nullptr;
    std::vector<std::string> args;
    std::set<std::string> changed;  // long names of flags given on the command line
    bool help = false;
};

using RunFn = std::function<void(const Invocation&)>;

// A node of the command tree: a cobra command mirrored by a CLI11 subcommand.
class Command {
public:
    Command(CLI::App* app, Command* parent, std::string use, std::string short_help, std::string long_help = "");

    // Adds a subcommand; `use` is cobra's Use ("template [NAME] [CHART]").
    Command& add(std::string use, std::string short_help, std::string long_help = "");

    // Defines a flag of this command (persistent: inherited by every subcommand, as helm's globals).
    Flag& add_flag(Flag f, bool persistent = false);

    Command& args(ArgsRule r) { m_args = r; return *this; }
    Command& aliases(std::vector<std::string> a) { m_aliases = std::move(a); return *this; }
    Command& hidden(bool h = true) { m_hidden = h; return *this; }
    // The root has its own cobra Args function (helm-diff's root: `diff RELEASE CHART`), so cobra's
    // "unknown command" check of a root with subcommands does not apply; its run step checks the words.
    Command& own_root_args(bool on = true) { m_root_takes_args = on; return *this; }
    bool root_takes_args() const { return m_root_takes_args; }
    // cobra's Example (helm's commands have none; helm-diff's do).
    Command& example(std::string e) { m_example = std::move(e); return *this; }
    const std::string& example() const { return m_example; }
    Command& run(RunFn fn) { m_run = std::move(fn); return *this; }
    Command& exclusive(std::vector<std::string> group) { m_exclusive.push_back(std::move(group)); return *this; }
    // Defers defining flags and the run step until the command is used (parsed into or shown), so
    // start-up builds only the commands a command line touches.
    Command& setup(std::function<void(Command&)> fn) { m_setup = std::move(fn); return *this; }
    // The fixed words completion offers for the first argument (cobra's ValidArgs).
    Command& valid_args(std::vector<std::string> v) { m_valid_args = std::move(v); return *this; }
    const std::vector<std::string>& valid_args() const { return m_valid_args; }
    // Completion of positionals that needs a lookup (cobra's ValidArgsFunction): given the
    // positionals so far, the other words of the line and the word being completed, it returns
    // the lines and cobra's directive, or nothing to fall back to the static rules.
    using ArgsCompleter = std::function<bool(const std::vector<std::string>& args,
                                             const std::vector<std::string>& words, const std::string& to_complete,
                                             std::vector<std::string>& lines, int& directive)>;
    Command& complete_args(ArgsCompleter f) { m_complete_args = std::move(f); return *this; }
    // helm gives this command a ValidArgsFunction (cobra's legacy bash script marks it).
    Command& args_function(bool on = true) { m_args_function = on; return *this; }
    // cobra's DisableFlagParsing: every word after the command is its argument (CLI plugins).
    Command& disable_flag_parsing(bool on = true) { m_raw_args = on; return *this; }
    bool flag_parsing_disabled() const { return m_raw_args; }
    bool has_args_function() const { return m_args_function || static_cast<bool>(m_complete_args); }
    const ArgsCompleter& args_completer() const { return m_complete_args; }
    bool has_setup() const { return static_cast<bool>(m_setup) || m_set_up; }
    // Runs the deferred setup, once.
    void materialise();

    const std::string& name() const { return m_name; }
    const std::string& use() const { return m_use; }
    const std::string& short_help() const { return m_short; }
    const std::string& long_help() const { return m_long; }
    const std::vector<std::string>& aliases() const { return m_aliases; }
    const ArgsRule& args_rule() const { return m_args; }
    const std::vector<std::vector<std::string>>& exclusive_groups() const { return m_exclusive; }
    bool is_hidden() const { return m_hidden; }
    bool runnable() const { return static_cast<bool>(m_run); }
    const RunFn& run_fn() const { return m_run; }
    Command* parent() const { return m_parent; }
    CLI::App* app() const { return m_app; }
    const std::vector<std::unique_ptr<Command>>& children() const { return m_children; }
    // cobra's Commands(): the children sorted by name.
    std::vector<Command*> sorted_children() const;
    // cobra's help command (the root's `help`).
    bool is_help_command() const { return m_parent && !m_parent->m_parent && m_name == "help"; }
    // cobra's IsAvailableCommand: not hidden, not the help command, and runnable or the parent of an
    // available command.
    bool is_available() const;
    const std::vector<std::unique_ptr<Flag>>& local_flags() const { return m_local; }
    const std::vector<std::unique_ptr<Flag>>& persistent_flags() const { return m_persistent; }

    // Returns the child named `word` (or with that alias), or nullptr.
    Command* find_child(const std::string& word) const;
    // Returns a flag usable on this command (local, own persistent, or inherited) by long name / shorthand.
    Flag* lookup(const std::string& name) const;
    Flag* lookup_short(char c) const;
    // Every flag usable here: local + own persistent first, then inherited ones.
    std::vector<Flag*> own_flags() const;
    std::vector<Flag*> inherited_flags() const;

    // cobra's CommandPath ("helm dependency build") and UseLine ("helm template [NAME] [CHART] [flags]").
    std::string path() const;
    std::string use_line() const;

private:
    CLI::App* m_app;
    Command* m_parent;
    std::string m_use, m_name, m_short, m_long, m_example;
    std::vector<std::string> m_aliases;
    ArgsRule m_args;
    bool m_hidden = false;
    RunFn m_run;
    std::function<void(Command&)> m_setup;
    std::vector<std::string> m_valid_args;
    ArgsCompleter m_complete_args;
    bool m_set_up = false;
    bool m_args_function = false;
    bool m_raw_args = false;
    bool m_root_takes_args = false;
    std::vector<std::vector<std::string>> m_exclusive;
    std::vector<std::unique_ptr<Command>> m_children;
    std::vector<std::unique_ptr<Flag>> m_local;
    std::vector<std::unique_ptr<Flag>> m_persistent;
    std::vector<std::string> m_positionals;  // where CLI11 binds the positionals
};

// The root of the tree and the CLI11 app behind it.
class CommandTree {
public:
    CommandTree(std::string use, std::string short_help, std::string long_help = "");
    ~CommandTree();
    Command& root() { return *m_root; }
    CLI::App& app() { return *m_app; }

private:
    std::unique_ptr<CLI::App> m_app;
    std::unique_ptr<Command> m_root;
};

// Hides a flag from help (pflag's MarkHidden).
void hide(Flag& f);

}  // namespace cpphelm::cli
