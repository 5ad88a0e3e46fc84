#pragma once

#include <string>
#include <vector>

#include "cli/model.hpp"

// The argv adapter: cobra's command lookup and pflag's flag parsing, applied to the command model.
// It reports errors with cobra/pflag's exact texts, then hands CLI11 a normalised argv
// (`--flag=value` only, values marked, `--` before positionals) that CLI11 binds into requests.
namespace cpphelm::cli {

struct Parsed {
    Invocation invocation;
    std::vector<std::string> cli11_args;  // for CLI::App::parse (not reversed)
};

// The command a command line names: cobra's Find. `rest` is argv without the command's path words.
struct Found {
    Command* command;
    std::vector<std::string> rest;
    std::vector<Command*> path;
};
// Throws cpphelm::Error (Usage) for an unknown command at the root, with cobra's message.
Found find_command(Command& root, const std::vector<std::string>& argv);
// What helm reads of its global flags before anything else (the colour mode, the registry config):
// pflag's parse of the root's persistent flags over the whole line (unknown flags skipped with their
// values, -h/--help and a bad value ending it), starting from the environment's values.
struct EarlySettings {
    std::string color;
    std::string registry_config;
};
EarlySettings early_settings(const Command& root, const std::vector<std::string>& args, EarlySettings defaults);
// cobra's stripFlags: the words of `args` that are neither flags nor the values of `c`'s flags.
std::vector<std::string> strip_flags(const Command& c, const std::vector<std::string>& args);

// Each given flag with its normalised items, in command-line order.
using FlagValues = std::vector<std::pair<Flag*, std::vector<std::string>>>;
// Parses `args` with pflag's semantics against the command's flags; positionals, `changed` and help
// go into `inv`. Throws cpphelm::Error (Usage) with pflag's message.
FlagValues parse_flags(Command& cmd, const std::vector<std::string>& args, Invocation& inv);

// Finds the command and parses its flags. Throws cpphelm::Error (Usage) with helm's message.
Parsed parse_argv(Command& root, const std::vector<std::string>& argv);

// Binds the normalised values into the request fields: runs CLI11 on `cli11_args`, then every
// given flag's apply(). Throws cpphelm::Error on a CLI11 failure (a bug in the adapter).
void bind(CLI::App& app, Command& command, const std::vector<std::string>& cli11_args);

// Checks the positional-argument rule and the mutually exclusive flag groups of the command.
void validate(const Invocation& inv);

// cobra's "Did you mean this?" suggestions for an unknown command (empty when none).
std::string suggestions(const Command& parent, const std::string& typed);

// The marker that precedes every value handed to CLI11, so empty values survive its parser.
inline constexpr char kValueMark = '\x1f';

}  // namespace cpphelm::cli
