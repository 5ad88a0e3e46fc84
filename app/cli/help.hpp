#pragma once

#include <string>

#include "cli/model.hpp"

namespace cpphelm::cli {

// cobra's help for a command: Long (or Short), then the usage block, byte for byte.
std::string render_help(const Command& c);

// pflag's FlagUsages for a list of flags (sorted by name, hidden ones left out, aligned).
std::string flag_usages(std::vector<Flag*> flags);

}  // namespace cpphelm::cli
