#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

#include "cli/argv.hpp"
#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "cpphelm/errors.hpp"

using namespace cpphelm;

namespace {

// The real command tree, with a backend that must never be reached by parsing.
struct Tree {
    app::Context ctx;
    cli::CommandTree tree{"helm", "The Helm package manager for Kubernetes.", app::kRootLong};
    Tree() {
        ctx.env = map_env({{"HOME", "/h"}});
        ctx.settings = GlobalSettings::from_env(ctx.env);
        ctx.backend = []() -> Backend& { throw std::logic_error("backend used while parsing"); };
        app::build_commands(tree.root(), ctx);
    }
    cli::Parsed parse(std::vector<std::string> args) { return cli::parse_argv(tree.root(), args); }
    std::string error(std::vector<std::string> args) {
        try {
            auto p = parse(args);
            cli::validate(p.invocation);
        } catch (const Error& e) {
            return e.what();
        }
        return "";
    }
};

}  // namespace

TEST_CASE("a positional equal to a command name stays a positional") {
    Tree t;
    auto p = t.parse({"template", "test", "./chart"});
    CHECK(p.invocation.command->path() == "helm template");
    CHECK(p.invocation.args == std::vector<std::string>{"test", "./chart"});
}

TEST_CASE("flags and positionals interleave; globals work after the subcommand") {
    Tree t;
    auto p = t.parse({"-n", "ns", "template", "rel", "--set", "a=1", "./c", "--namespace=other"});
    CHECK(p.invocation.command->name() == "template");
    CHECK(p.invocation.args == std::vector<std::string>{"rel", "./c"});
    CHECK(p.invocation.changed.count("namespace"));
    cli::bind(t.tree.app(), *p.invocation.command, p.cli11_args);
    CHECK(t.ctx.settings.namespace_ == "other");
}

TEST_CASE("optional-value flags take a value only with '='") {
    Tree t;
    auto p = t.parse({"template", "--wait", "watcher", "./c"});
    CHECK(p.invocation.args == std::vector<std::string>{"watcher", "./c"});
    p = t.parse({"template", "--dry-run", "client", "./c"});
    CHECK(p.invocation.args == std::vector<std::string>{"client", "./c"});
    CHECK(t.error({"template", "--wait=bogus", "./c"}) ==
          "invalid argument \"bogus\" for \"--wait\" flag: invalid wait input \"bogus\". Valid inputs are watcher, "
          "hookOnly, and legacy");
}

TEST_CASE("bool flags take a value only with '=', and parse like strconv.ParseBool") {
    Tree t;
    auto p = t.parse({"template", "--skip-tests", "false", "./c"});
    CHECK(p.invocation.args == std::vector<std::string>{"false", "./c"});
    CHECK(t.error({"template", "--skip-tests=maybe", "./c"}) ==
          "invalid argument \"maybe\" for \"--skip-tests\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax");
}

TEST_CASE("pflag's error texts") {
    Tree t;
    CHECK(t.error({"template", "--nope", "./c"}) == "unknown flag: --nope");
    CHECK(t.error({"template", "-x", "./c"}) == "unknown shorthand flag: 'x' in -x");
    CHECK(t.error({"template", "./c", "--output-dir"}) == "flag needs an argument: --output-dir");
    CHECK(t.error({"template", "./c", "-n"}) == "flag needs an argument: 'n' in -n");
    CHECK(t.error({"template", "---x"}) == "bad flag syntax: ---x");
    CHECK(t.error({"template", "--timeout", "abc", "./c"}) ==
          "invalid argument \"abc\" for \"--timeout\" flag: time: invalid duration \"abc\"");
    CHECK(t.error({"template", "-l", "novalue", "./c"}) ==
          "invalid argument \"novalue\" for \"-l, --labels\" flag: novalue must be formatted as key=value");
}

TEST_CASE("unknown commands get cobra's message and suggestions") {
    Tree t;
    CHECK(t.error({"templat"}) ==
          "unknown command \"templat\" for \"helm\"\n\nDid you mean this?\n\ttemplate\n\nRun 'helm --help' for usage.");
    CHECK(t.error({"zzzzzz"}) == "unknown command \"zzzzzz\" for \"helm\"\nRun 'helm --help' for usage.");
}

TEST_CASE("argument rules use helm's require messages") {
    Tree t;
    CHECK(t.error({"template"}) ==
          "\"helm template\" requires at least 1 argument\n\nUsage:  helm template [NAME] [CHART] [flags]");
    CHECK(t.error({"version", "x"}) == "\"helm version\" accepts no arguments\n\nUsage:  helm version [flags]");
    CHECK(t.error({"env", "a", "b"}) == "\"helm env\" accepts at most 1 argument\n\nUsage:  helm env [flags]");
}

TEST_CASE("mutually exclusive flags") {
    Tree t;
    CHECK(t.error({"template", "./c", "--force-replace", "--force-conflicts"}) ==
          "if any flags in the group [force-replace force-conflicts] are set none of the others can be; "
          "[force-conflicts force-replace] were all set");
}

TEST_CASE("'--' ends flags; values bind into the request") {
    Tree t;
    auto p = t.parse({"template", "-f", "a.yaml,b.yaml", "--values", "\"c,d.yaml\"", "--set=", "-l", "a=1,b=2",
                      "--", "--not-a-flag"});
    CHECK(p.invocation.args == std::vector<std::string>{"--not-a-flag"});
    cli::bind(t.tree.app(), *p.invocation.command, p.cli11_args);
    auto* f = p.invocation.command->lookup("values");
    REQUIRE(f);
    CHECK(f->option->results().size() == 3);
    CHECK(p.invocation.command->lookup("set")->option->results().size() == 1);
}

TEST_CASE("help flag and group commands") {
    Tree t;
    CHECK(t.parse({"template", "-h"}).invocation.help);
    CHECK(t.parse({"show", "--help=false"}).invocation.help == false);
    auto p = t.parse({"repo", "whatever"});
    CHECK(p.invocation.command->path() == "helm repo");
    CHECK_FALSE(p.invocation.command->runnable());
}
