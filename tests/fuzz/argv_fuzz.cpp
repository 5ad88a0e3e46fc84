// libFuzzer target for the code that reads untrusted input first: the argv adapter (cobra's command
// lookup, pflag's parsing, argument rules, CLI11 binding) and the Go-compatible value parsers.
// Input: argv words separated by NUL bytes. Any exception other than cpphelm::Error is a bug, and so
// is any sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/argv.hpp"
#include "cli/complete.hpp"
#include "cli/help.hpp"
#include "commands/context.hpp"
#include "gotext/goparse.hpp"
#include "cpphelm/errors.hpp"

using namespace cpphelm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<std::string> args(1);
    for (size_t i = 0; i < size; ++i) {
        if (data[i] == 0) args.emplace_back();
        else args.back() += static_cast<char>(data[i]);
    }
    for (const auto& a : args) {
        (void)goparse::parse_duration(a);
        (void)goparse::parse_int(a);
        (void)goparse::read_csv_record(a);
    }
    app::Context ctx;
    ctx.env = map_env({{"HOME", "/nonexistent"}});
    ctx.settings = GlobalSettings::from_env(ctx.env);
    ctx.backend = []() -> Backend& { throw Error(ErrorKind::Internal, "no backend while fuzzing"); };
    cli::CommandTree tree("helm", "The Helm package manager for Kubernetes.", app::kRootLong);
    app::build_commands(tree.root(), ctx);
    try {
        cli::Parsed p = cli::parse_argv(tree.root(), args);
        (void)cli::render_help(*p.invocation.command);
        cli::validate(p.invocation);
        cli::bind(tree.app(), *p.invocation.command, p.cli11_args);
    } catch (const Error&) {
    }
    (void)cli::complete(tree.root(), args);
    return 0;
}
