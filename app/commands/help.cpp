#include <iostream>

#include "cli/help.hpp"
#include "commands/context.hpp"

namespace cpphelm::app {

void add_help_command(cli::Command& root, Context& ctx) {
    auto& c = root.add("help [command]", "Help about any command",
                       "Help provides help for any command in the application.\nSimply type " + root.name() +
                           " help [path to command] for full details.");
    c.run([&root, &ctx](const cli::Invocation& inv) {
        // cobra's help command: descend while the words name subcommands; an unknown first word is
        // reported (on stderr, as cobra does) with the root's usage.
        cli::Command* target = &root;
        for (const auto& word : inv.args) {
            cli::Command* next = target->find_child(word);
            if (!next) break;
            target = next;
        }
        if (target == &root && !inv.args.empty()) {
            std::string topic = "[]string{";
            for (size_t i = 0; i < inv.args.size(); ++i) topic += (i ? ", \"" : "\"") + inv.args[i] + "\"";
            std::string help = cli::render_help(root);
            std::cerr << "Unknown help topic " << topic << "}\n" << help.substr(help.find("Usage:"));
            return;
        }
        target->materialise();
        *ctx.out << cli::render_help(*target);
    });
}

}  // namespace cpphelm::app
