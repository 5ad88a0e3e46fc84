#include <catch2/catch.hpp>

#include "gotext/goparse.hpp"
#include "gotext/goyaml.hpp"
#include "core/yaml_subset.hpp"

using namespace cpphelm;
using goyaml::Resolved;

TEST_CASE("resolve_plain follows yaml.v2's resolve for plain scalars") {
    for (auto s : {"nginx", "stable", "https://x", "o", "Yes!", "<<", "-", "+", "0x1p3", ".x", "1.2.3", "0b-", "2024-13-01",
                   "2024-01-02X", "1e", "+inf", "0xG"})
        CHECK(goyaml::resolve_plain(s) == Resolved::Str);
    for (auto s : {"y", "Y", "yes", "YES", "on", "True", "TRUE"}) CHECK(goyaml::resolve_plain(s) == Resolved::True);
    for (auto s : {"n", "no", "Off", "FALSE", "false"}) CHECK(goyaml::resolve_plain(s) == Resolved::False);
    for (auto s : {"", "~", "null", "Null", "NULL"}) CHECK(goyaml::resolve_plain(s) == Resolved::Null);
    for (auto s : {"1", "-1", "+1", "1.10", "1e3", ".5", "1_000", "0x1F", "0o17", "017", "08", "0b101", "-0b101", "0b-1",
                   ".inf", "-.Inf", ".nan", "1.", "+.5e-3", "12345678901234567890"})
        CHECK(goyaml::resolve_plain(s) == Resolved::Other);
    for (auto s : {"2024-01-02", "2024-1-2", "2024-01-02T03:04:05Z", "2024-01-02t03:04:05.5+02:00", "2024-01-02 3:04:05",
                   "2024-01-02   03:04:05,25", "2024-02-29", "2024-01-02T03:04:05+24:00"})
        CHECK(goyaml::resolve_plain(s) == Resolved::Timestamp);
    for (auto s : {"2023-02-29", "2024-01-02T24:00:00Z", "2024-01-02T03:04:05", "2024-01-02T03:04:05+25:00"})
        CHECK(goyaml::resolve_plain(s) != Resolved::Timestamp);
    for (auto s : {"1e400", ".5_5", "0x1234567890ABCDEF1"}) CHECK(goyaml::resolve_plain(s) == Resolved::Unsure);
    CHECK(goyaml::special_float(".NaN"));
    CHECK_FALSE(goyaml::special_float("1.5"));
}

TEST_CASE("json_string escapes as encoding/json's Encoder") {
    CHECK(goyaml::json_string("a<b>&c") == "\"a\\u003cb\\u003e\\u0026c\"");
    CHECK(goyaml::json_string("q\"\\\b\f\n\r\t\x01\x7f") == "\"q\\\"\\\\\\b\\f\\n\\r\\t\\u0001\x7f\"");
    CHECK(goyaml::json_string("\xe2\x80\xa8\xe2\x80\xa9\xc3\xa9") == "\"\\u2028\\u2029\xc3\xa9\"");
    CHECK(goyaml::json_string("bad\xff\xed\xa0\x80") == "\"bad\\ufffd\\ufffd\\ufffd\\ufffd\"");
}

TEST_CASE("block_value quotes as sigs.k8s.io/yaml writes a mapping value") {
    CHECK(*goyaml::block_value("stable", 8) == "stable");
    CHECK(*goyaml::block_value("https://x/y?a=1&b=2", 7) == "https://x/y?a=1&b=2");
    CHECK(*goyaml::block_value("", 8) == "\"\"");
    CHECK(*goyaml::block_value("yes", 8) == "\"yes\"");
    CHECK(*goyaml::block_value("1.10", 8) == "\"1.10\"");
    CHECK(*goyaml::block_value("2024-01-02", 8) == "\"2024-01-02\"");
    CHECK(*goyaml::block_value("1:20", 8) == "\"1:20\"");
    CHECK(*goyaml::block_value("a: b", 8) == "'a: b'");
    CHECK(*goyaml::block_value("#x", 8) == "'#x'");
    CHECK(*goyaml::block_value("a #b", 8) == "'a #b'");
    CHECK(*goyaml::block_value("a#b", 8) == "a#b");
    CHECK(*goyaml::block_value("-foo", 8) == "-foo");
    CHECK(*goyaml::block_value("- foo", 8) == "'- foo'");
    CHECK(*goyaml::block_value("it's", 8) == "it's");
    CHECK(*goyaml::block_value(" it's", 8) == "' it''s'");
    CHECK(*goyaml::block_value("say \"hi\\\"", 8) == "say \"hi\\\"");
    CHECK(*goyaml::block_value("---x", 8) == "'---x'");
    CHECK(*goyaml::block_value("caf\xc3\xa9", 8) == "caf\xc3\xa9");
    CHECK(*goyaml::block_value("tab\there\x01", 8) == "\"tab\\there\\x01\"");
    CHECK(*goyaml::block_value("\"q\"\t", 8) == "\"\\\"q\\\"\\t\"");
    CHECK_FALSE(goyaml::block_value("line\nbreak", 8));
    CHECK_FALSE(goyaml::block_value("del\x7f", 8));
    CHECK_FALSE(goyaml::block_value("ls\xe2\x80\xa8", 8));
    std::string long_words(70, 'a');
    CHECK(goyaml::block_value(long_words + " b", 8));        // the space sits at column 78
    CHECK_FALSE(goyaml::block_value(long_words + "aaaa b", 8));  // column 82: yaml.v2 folds the line
    CHECK(goyaml::block_value(long_words + long_words, 8));  // no space: never folded
}

TEST_CASE("strict_rfc3339 is Go's parseRFC3339 fast path") {
    CHECK(goyaml::strict_rfc3339("0001-01-01T00:00:00Z"));
    CHECK(goyaml::strict_rfc3339("2024-02-29T23:59:59.123456789123+02:00"));
    CHECK_FALSE(goyaml::strict_rfc3339("2023-02-29T00:00:00Z"));
    CHECK_FALSE(goyaml::strict_rfc3339("2024-01-01t00:00:00Z"));
    CHECK_FALSE(goyaml::strict_rfc3339("2024-01-01T00:00:00+24:00"));
    CHECK_FALSE(goyaml::strict_rfc3339("2024-01-01T00:00:00"));
    CHECK_FALSE(goyaml::strict_rfc3339("2024-1-01T00:00:00Z"));
}

TEST_CASE("trim_space is strings.TrimSpace") {
    CHECK(goparse::trim_space("\t x \n") == "x");
    CHECK(goparse::trim_space("\xc2\xa0x\xe2\x80\xa8\xe3\x80\x80") == "x");
    CHECK(goparse::trim_space("\xc3\xa9") == "\xc3\xa9");
    CHECK(goparse::trim_space(" \t ") == "");
}

namespace {

// The node a parse returns, which must exist.
yamlsub::Node doc(std::string_view text) {
    auto d = yamlsub::parse(text);
    REQUIRE(d);
    REQUIRE(*d);
    return **d;
}

}  // namespace

TEST_CASE("yaml subset reads helm's block style") {
    auto n = doc("---\n# c\napiVersion: \"\"\nrepositories:\n- name: a # c\n  url: 'it''s'\n-   name: \"\\u00e9\\t\"\n"
                 "    url:\nz: []\n");
    REQUIRE(n.entries.size() == 3);
    const auto& repos = n.entries[1].value;
    REQUIRE(repos.kind == yamlsub::Node::Kind::Sequence);
    REQUIRE(repos.items.size() == 2);
    CHECK(repos.items[0].entries[0].value.text == "a");
    CHECK(repos.items[0].entries[1].value.text == "it's");
    CHECK_FALSE(repos.items[0].entries[1].value.plain);
    CHECK(repos.items[1].entries[0].value.text == "\xc3\xa9\t");
    CHECK(repos.items[1].entries[1].value.text.empty());
    CHECK(n.entries[2].value.kind == yamlsub::Node::Kind::Sequence);
    auto nested = doc("a:\n  b:\n    - x\n    - 'y'\n  c: d\n");
    CHECK(nested.entries[0].value.entries[0].value.items.size() == 2);
    auto empty = yamlsub::parse("# only a comment\n\n");
    REQUIRE(empty);
    CHECK_FALSE(*empty);
}

TEST_CASE("yaml subset refuses what it does not reproduce") {
    for (const char* t : {"a: [x]\n", "a: {b: c}\n", "a: &x b\n", "a: *x\n", "a: !!str b\n", "a: |\n  b\n", "a: >\n  b\n",
                          "a: b\n  c\n", "a: 'b\n  c'\n", "a: \"b\\\n  c\"\n", "a: b\r\n", "\ta: b\n", "a:\tb\n", "a: b\na: c\n",
                          "\"a\": b\n", "a: b: c\n", "a: b:\n", "x\n", "a: b\n...\n", "%YAML 1.1\na: b\n",
                          "\xef\xbb\xbf" "a: b\n", "a: \"\\/\"\n", "a: \"\\ud800\"\n", "y: b\n", "a: \xc2\x85\n",
                          "a:\n-\n  b: c\n", "a:\n- - b\n", "  a: b\n", "a: b\n  c: d\n", "a: 'x'y\n", "a: \"x\"#c\n",
                          "a: \xff\n", "a: -\n", "a: ? b\n"}) {
        INFO(t);
        CHECK_FALSE(yamlsub::parse(t));
    }
}
