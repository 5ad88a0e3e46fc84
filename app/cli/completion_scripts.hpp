#pragma once

#include <string>

namespace cpphelm::cli {

// The completion script helm prints for a shell (bash, zsh, fish, powershell), with or without
// descriptions; empty for an unknown shell.
std::string completion_script(const std::string& shell, bool descriptions);

class Command;

// cobra's legacy (v1) bash completion script for the whole tree under `root`, as `helm docs --type
// bash` writes it: a function per command listing its subcommands, aliases and flags.
std::string legacy_bash_completion(const Command& root);

}  // namespace cpphelm::cli

namespace cpphelm::cli {

// What `helm completion <shell>` prints when run as `argv0`: the script, plus helm's hook for a
// renamed binary (any name but "helm"), plus zsh's closing compdef.
std::string completion_output(const std::string& shell, bool descriptions, const std::string& argv0);

}  // namespace cpphelm::cli
