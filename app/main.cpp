// cpphelm: the helm v4 command line, re-implemented in C++ over helm's own library.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli/argv.hpp"
#include "cli/complete.hpp"
#include "cli/flags.hpp"
#include "cli/help.hpp"
#include "report.hpp"
#include "stderr_json.hpp"
#include "commands/context.hpp"
#include "cpphelm/client.hpp"
#include "cpphelm/errors.hpp"
#include "cpphelm/settings.hpp"
#include "gotext/goparse.hpp"

#ifdef CPPHELM_WITH_GO
#include "cpphelm/go_backend.hpp"
#endif

namespace {

using namespace cpphelm;


// A failure helm reports as a log record and exit 1 (its log.Fatal paths), already printed.
struct LoggedFailure {
    std::string message;
    std::string kind;
};

// The flags that scope a release to a cluster, repeated in hints (the namespace comes with the error).
std::vector<std::string> scope_flags(const GlobalSettings& s) {
    std::vector<std::string> f;
    if (!s.kube_context.empty()) f.push_back("--kube-context " + s.kube_context);
    if (!s.kubeconfig.empty()) f.push_back("--kubeconfig " + s.kubeconfig);
    return f;
}

int run(int argc, char** argv, app::ReportStyle& style) {
    app::Context ctx;
    ctx.env = process_env();
    ctx.settings = GlobalSettings::from_env(ctx.env);
    ctx.argv0 = argc > 0 ? argv[0] : "cpphelm";
    ctx.out = &std::cout;
    ctx.local_answers = ctx.env("CPPHELM_GO_ALWAYS").value_or("") != "1";
    std::unique_ptr<Backend> backend;
    ctx.backend = [&backend, &ctx]() -> Backend& {
#ifdef CPPHELM_WITH_GO
        // The command line is the executable: helm's signal handling, its own pages released.
        if (!backend)
            backend = std::make_unique<GoBackend>(GoRuntimeOptions{.gc_percent = ctx.gc_percent,
                                                                   .handle_signals = true,
                                                                   .release_startup_pages = true});
        return *backend;
#else
        throw Error(ErrorKind::Internal, "cpphelm was built without the Go shim");
#endif
    };

    cli::CommandTree tree("helm", "The Helm package manager for Kubernetes.", app::kRootLong);
    app::build_commands(tree.root(), ctx);

    std::vector<std::string> args(argv + 1, argv + argc);
    auto early = cli::early_settings(tree.root(), app::without_diff_color_flags(tree.root(), args),
                                     {ctx.settings.color_mode, ctx.settings.registry_config});
    const std::string& color = early.color;
    if (color != "never" && color != "auto" && color != "always") {
        std::string err = "invalid color mode " + goparse::quote(color) + ": must be one of: never, auto, always";
        std::cerr << "level=WARN msg=\"command failed\" error=" << goparse::quote(err) << "\n";
        throw LoggedFailure{err, "usage"};
    }
    // helm's root command makes its registry client before any command runs, so an unreadable
    // registry config fails them all (even --help and completion).
    if (auto err = app::registry_config_error(ctx, early.registry_config)) {
        std::cerr << "level=WARN msg=\"command failed\" error=" << goparse::quote(*err) << "\n";
        throw LoggedFailure{*err, "invalid"};
    }
    // cobra's hidden completion request: the words are completed, not parsed.
    if (!args.empty() && (args[0] == "__complete" || args[0] == "__completeNoDesc")) {
        bool descriptions = args[0] == "__complete" &&
                            goparse::parse_bool(ctx.env("HELM_COMPLETION_DESCRIPTIONS").value_or("true")).value_or(true);
        std::vector<std::string> words(args.begin() + 1, args.end());
        if (auto rc = app::complete_diff_if_named(tree.root(), ctx, words, descriptions)) return *rc;
        app::add_plugin_commands(tree.root(), ctx, &words);
        return cli::run_complete(tree.root(), words, descriptions);
    }
    if (auto status = app::run_diff_if_named(tree.root(), ctx, args)) return *status;
    if (auto status = app::run_plugin_if_named(tree.root(), ctx, args)) return *status;
    cli::Parsed parsed = cli::parse_argv(tree.root(), args);
    cli::Invocation& inv = parsed.invocation;
    if (inv.command == &tree.root() || inv.command->is_help_command()) app::add_plugin_commands(tree.root(), ctx);
    if (inv.help) {
        std::cout << cli::render_help(*inv.command);
        return 0;
    }
    // helm initialises storage before every command and exits through log.Fatal when it cannot.
    if (auto bad = check_driver(ctx.settings.driver)) {
        std::cerr << "level=INFO msg=" << goparse::quote(*bad) << "\n";
        throw LoggedFailure{*bad, "invalid"};
    }
    if (ctx.settings.driver == "memory") {
        try {
            Client(ctx.backend()).check_driver({ctx.env("HELM_MEMORY_DRIVER_DATA").value_or("")});
        } catch (const Error& e) {
            std::cerr << "level=INFO msg=" << goparse::quote(e.what()) << "\n";
            throw LoggedFailure{e.what(), e.kind_name()};
        }
    }
    if (!inv.command->runnable()) {
        std::cout << cli::render_help(*inv.command);
        return 0;
    }
    style.scope_flags = scope_flags(ctx.settings);
    cli::validate(inv);
    cli::bind(tree.app(), *inv.command, parsed.cli11_args);
    inv.command->run_fn()(inv);
    std::cout.flush();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    app::ReportStyle style;
    std::unique_ptr<app::JsonStderr> json_stderr;
    if (const char* f = std::getenv("CPPHELM_ERROR_FORMAT"); f && std::string(f) == "json")
        json_stderr = app::JsonStderr::start();
    style.json = json_stderr != nullptr;
    if (argc > 0) {
        std::string name = argv[0];
        style.program = name.substr(name.rfind('/') + 1);
    }
    // Everything else on stderr goes out before the error, which comes last (and unwrapped in JSON).
    auto drain = [&] {
        std::cout.flush();
        if (json_stderr) json_stderr->finish();
    };
    try {
        int rc = run(argc, argv, style);
        drain();
        return rc;
    } catch (const LoggedFailure& f) {
        drain();
        if (style.json) std::cerr << app::json_error_line(f.message, f.kind, 1) << "\n";
        return 1;
    } catch (...) {
        drain();
        return app::report(std::current_exception(), std::cout, std::cerr, style);
    }
}
