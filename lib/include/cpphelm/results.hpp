#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cpphelm {

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
