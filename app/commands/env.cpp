#include <optional>
#include <ostream>

#include "commands/context.hpp"
#include "cpphelm/client.hpp"
#include "cpphelm/local.hpp"

namespace cpphelm::app {

void setup_env(cli::Command& c, Context& ctx) {
    std::vector<std::string> keys;
    for (const auto& [k, v] : env_vars(ctx.settings, "", ctx.argv0)) keys.push_back(k);
    c.valid_args(keys);
    c.run([&ctx](const cli::Invocation& inv) {
        // Only the effective namespace may need client-go's kubeconfig loading; everything else is ours.
        bool shows_namespace = inv.args.empty() || inv.args[0] == "HELM_NAMESPACE";
        std::optional<std::string> ns;
        if (ctx.local_answers && shows_namespace) ns = local::effective_namespace(ctx.settings, ctx.env);
        if (ctx.local_answers && !shows_namespace && local::namespace_lookup_writes_nothing(ctx.env)) ns = "";
        if (!ns) ns = Client(ctx.backend()).effective_namespace(ctx.settings);
        auto vars = env_vars(ctx.settings, *ns, ctx.argv0);
        if (inv.args.empty()) {
            for (const auto& [k, v] : vars) *ctx.out << k << "=\"" << v << "\"\n";
        } else {
            auto it = vars.find(inv.args[0]);
            *ctx.out << (it == vars.end() ? "" : it->second) << "\n";
        }
    });
}

}  // namespace cpphelm::app
