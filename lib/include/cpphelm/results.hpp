#pragma once

#include <string>
#include <vector>

namespace cpphelm {

// Output of an operation that prints: bytes for stdout exactly as helm would print them.
struct Printed {
    std::string stdout_bytes;
};

// A completion lookup's answer: cobra's lines ("value\tdescription") and directive bits.
// A CLI plugin as a command: its name and cobra texts (helm's loadCLIPlugins).
struct PluginCommand {
    std::string name;
    std::string use;
    std::string short_help;
    std::string long_help;
};

struct Completion {
    std::vector<std::string> lines;
    int directive = 0;
};

}  // namespace cpphelm
