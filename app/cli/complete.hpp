#pragma once

#include <string>
#include <vector>

#include "cli/model.hpp"

// cobra's hidden `__complete` protocol, which the completion scripts call: candidate lines
// ("value\tdescription"), then ":<directive>"; a note for humans goes to stderr.
namespace cpphelm::cli {

struct Completions {
    std::vector<std::string> lines;
    int directive = 0;   // cobra's ShellCompDirective bits
    std::string error;   // printed to stderr as "[Debug] [Error] …" when set
};

// helm's noMoreArgsComp hint, as cobra's active help line.
inline constexpr const char* kNoMoreArgsHelp = "_activeHelp_ This command does not take any more arguments (but may accept flags).";

// Completes the last word of `args` (the words after `__complete`).
Completions complete(Command& root, const std::vector<std::string>& args);

// The text cobra prints for a directive ("ShellCompDirectiveNoFileComp", …).
std::string directive_name(int directive);

// Runs `__complete`/`__completeNoDesc` and returns the exit code; prints what cobra prints.
int run_complete(Command& root, const std::vector<std::string>& args, bool descriptions);

}  // namespace cpphelm::cli
