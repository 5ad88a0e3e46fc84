#include <catch2/catch.hpp>

#include "cli/flags.hpp"
#include "cli/help.hpp"

using namespace cpphelm::cli;

TEST_CASE("flag_usages aligns like pflag and prints non-zero defaults") {
    CommandTree tree("tool", "a tool");
    Command& c = tree.root().add("sub ARG", "a sub");
    static bool b = false;
    static std::string s = "x", t;
    static std::vector<std::string> v;
    bool_flag(c, "enable", 'e', b, "turn it on");
    string_flag(c, "name", 0, s, "the name");
    string_flag(c, "other", 0, t, "no default shown");
    string_slice_flag(c, "items", 'i', v, "some items");
    std::string out = flag_usages(c.own_flags());
    CHECK(out ==
          "  -e, --enable          turn it on\n"
          "  -h, --help            help for sub\n"
          "  -i, --items strings   some items\n"
          "      --name string     the name (default \"x\")\n"
          "      --other string    no default shown\n");
}

TEST_CASE("render_help follows cobra's layout") {
    CommandTree tree("tool", "a tool", "\nLong text.\n");
    Command& c = tree.root().add("sub ARG", "a sub");
    c.aliases({"s"}).run([](const Invocation&) {});
    std::string out = render_help(c);
    CHECK(out == "a sub\n\nUsage:\n  tool sub ARG [flags]\n\nAliases:\n  sub, s\n\nFlags:\n  -h, --help   help for sub\n");
    std::string root = render_help(tree.root());
    CHECK(root.rfind("\nLong text.\n\nUsage:\n  tool [command]\n\nAvailable Commands:\n  sub         a sub\n", 0) == 0);
}
