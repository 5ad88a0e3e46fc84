#include <catch2/catch.hpp>

#include "gotext/goparse.hpp"

using namespace cpphelm::goparse;

TEST_CASE("parse_bool accepts exactly strconv.ParseBool's spellings") {
    for (auto t : {"1", "t", "T", "TRUE", "true", "True"}) CHECK(parse_bool(t) == true);
    for (auto f : {"0", "f", "F", "FALSE", "false", "False"}) CHECK(parse_bool(f) == false);
    for (auto bad : {"", "yes", "tRUE", "2"}) CHECK_FALSE(parse_bool(bad).has_value());
}

TEST_CASE("parse_int follows strconv.ParseInt base 0") {
    CHECK(*parse_int("42").value == 42);
    CHECK(*parse_int("0x10").value == 16);
    CHECK(*parse_int("0o17").value == 15);
    CHECK(*parse_int("017").value == 15);
    CHECK(*parse_int("-0b101").value == -5);
    CHECK(*parse_int("1_000").value == 1000);
    CHECK_FALSE(parse_int("1__0").value.has_value());
    CHECK(parse_int("abc").error == "strconv.ParseInt: parsing \"abc\": invalid syntax");
    CHECK(parse_int("9223372036854775808").error ==
          "strconv.ParseInt: parsing \"9223372036854775808\": value out of range");
}

TEST_CASE("parse_duration and format_duration round-trip Go's forms") {
    CHECK(*parse_duration("5m").value == 300'000'000'000LL);
    CHECK(*parse_duration("1h2m3.5s").value == 3'723'500'000'000LL);
    CHECK(*parse_duration("0").value == 0);
    CHECK(parse_duration("300").error == "time: missing unit in duration \"300\"");
    CHECK(parse_duration("abc").error == "time: invalid duration \"abc\"");
    CHECK(parse_duration("5x").error == "time: unknown unit \"x\" in duration \"5x\"");
    CHECK(format_duration(300'000'000'000LL) == "5m0s");
    CHECK(format_duration(3'723'500'000'000LL) == "1h2m3.5s");
    CHECK(format_duration(0) == "0s");
    CHECK(format_duration(1'500'000) == "1.5ms");
}

TEST_CASE("read_csv_record splits like encoding/csv") {
    CHECK(*read_csv_record("a,b,c").value == std::vector<std::string>{"a", "b", "c"});
    CHECK(*read_csv_record("\"a,b\",c").value == std::vector<std::string>{"a,b", "c"});
    CHECK(*read_csv_record("a,,").value == std::vector<std::string>{"a", "", ""});
    CHECK(read_csv_record("a\"b").error == "parse error on line 1, column 2: bare \" in non-quoted-field");
}

TEST_CASE("quote escapes like %q for ASCII") {
    CHECK(quote("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"");
}

TEST_CASE("parse_uint follows strconv.ParseUint base 0 over 64 bits") {
    CHECK(*parse_uint("99999999999").value == 99999999999ULL);
    CHECK(*parse_uint("0x10").value == 16);
    CHECK(*parse_uint("18446744073709551615").value == 18446744073709551615ULL);
    CHECK(parse_uint("18446744073709551616").error ==
          "strconv.ParseUint: parsing \"18446744073709551616\": value out of range");
    CHECK(parse_uint("-1").error == "strconv.ParseUint: parsing \"-1\": invalid syntax");
}

TEST_CASE("quote is strconv.Quote, quote_ascii the time package's quote") {
    using cpphelm::goparse::quote;
    using cpphelm::goparse::quote_ascii;
    CHECK(quote("\"q\"") == "\"\\\"q\\\"\"");
    CHECK(quote("a\x07\x08\x0c\x0b") == "\"a\\a\\b\\f\\v\"");
    CHECK(quote("\x01") == "\"\\x01\"");
    CHECK(quote("caf\xc3\xa9") == "\"caf\xc3\xa9\"");
    CHECK(quote("\xff" "x") == "\"\\xffx\"");
    CHECK(quote("\xc2\x85") == "\"\\u0085\"");
    CHECK(quote("\xed\xa0\x80") == "\"\\xed\\xa0\\x80\"");  // a surrogate is not UTF-8
    CHECK(quote_ascii("\xc3\xbc=\xc3\xb6") == "\"\\xc3\\xbc=\\xc3\\xb6\"");  // as helm prints it
    CHECK(quote_ascii("a\nb\"") == "\"a\\x0ab\\\"\"");
}
