#include <ostream>

#include "commands/context.hpp"
#include "cpphelm/client.hpp"

namespace cpphelm::app {

void setup_env(cli::Command& c, Context& ctx) {
    std::vector<std::string> keys;
    for (const auto& [k, v] : env_vars(ctx.settings, "", ctx.argv0)) keys.push_back(k);
    c.valid_args(keys);
    c.run([&ctx](const cli::Invocation& inv) {
        // Only the effective namespace needs client-go's kubeconfig loading; everything else is ours.
        Client client(ctx.backend());
        auto vars = env_vars(ctx.settings, client.effective_namespace(ctx.settings), ctx.argv0);
        if (inv.args.empty()) {
            for (const auto& [k, v] : vars) *ctx.out << k << "=\"" << v << "\"\n";
        } else {
            auto it = vars.find(inv.args[0]);
            *ctx.out << (it == vars.end() ? "" : it->second) << "\n";
        }
    });
}

}  // namespace cpphelm::app
