#pragma once

#include <functional>
#include <iosfwd>
#include <string>

#include "cli/model.hpp"
#include "cpphelm/backend.hpp"
#include "cpphelm/settings.hpp"

namespace cpphelm::app {

// What every command needs: resolved global settings, where to print, and the backend (created on
// first use, so that --help and usage errors never wait for the Go runtime).
struct Context {
    GlobalSettings settings;
    EnvLookup env;
    std::string argv0;
    std::ostream* out = nullptr;
    std::function<Backend&()> backend;
};

// The global flags, bound into ctx.settings.
void add_global_flags(cli::Command& root, Context& ctx);

// Each subcommand file defines one setup function: flags bound to its request, and the run step.
// The command itself (Use, texts, aliases, argument rule) comes from the catalog.
void setup_template(cli::Command& c, Context& ctx);
void setup_version(cli::Command& c, Context& ctx);
void setup_env(cli::Command& c, Context& ctx);
void setup_create(cli::Command& c, Context& ctx);
void setup_lint(cli::Command& c, Context& ctx);
void setup_show(cli::Command& c, Context& ctx);
void setup_package(cli::Command& c, Context& ctx);
void setup_dependency(cli::Command& c, Context& ctx);
// cobra's `help [command]`.
void add_help_command(cli::Command& root, Context& ctx);

// Builds the whole command tree under `root`.
void build_commands(cli::Command& root, Context& ctx);

// helm's root help text.
extern const char* const kRootLong;

}  // namespace cpphelm::app
