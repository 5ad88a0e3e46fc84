#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Go standard-library parsing, re-created where the CLI must accept and reject exactly what helm does
// (pflag's flag values, helm's environment variables). Error strings match Go's.
namespace cpphelm::goparse {

// strconv.ParseBool: 1 t T TRUE true True 0 f F FALSE false False.
std::optional<bool> parse_bool(const std::string& s);

// strconv.Atoi (base 10, optional sign); nullopt on syntax or range error.
std::optional<int64_t> atoi(const std::string& s);

// Result of a parse that can fail with Go's error text.
template <class T>
struct Parsed {
    std::optional<T> value;
    std::string error;  // Go's err.Error() when !value
};

// strconv.ParseInt(s, 0, bits): prefixes 0x 0o 0b and 0, underscores after a prefix.
Parsed<int64_t> parse_int(const std::string& s, int bits = 64);

// strconv.ParseUint(s, 0, 64).
Parsed<uint64_t> parse_uint(const std::string& s);

// strconv.ParseFloat(s, 64) for ordinary decimal input; nullopt otherwise.
std::optional<double> parse_float(const std::string& s);

// time.ParseDuration: returns nanoseconds.
Parsed<int64_t> parse_duration(const std::string& s);

// time.Duration.String() of nanoseconds ("5m0s", "1h0m0s", "0s", "1.5s").
std::string format_duration(int64_t ns);

// One record of encoding/csv (quotes respected); error text as Go's csv.ParseError.
Parsed<std::vector<std::string>> read_csv_record(const std::string& s);

// strconv.FormatFloat(f, 'f', 2, 32).
std::string format_fixed2(float f);

// The length of the valid multi-byte UTF-8 sequence at s[i] (as Go's utf8.DecodeRune accepts it: no
// overlong forms, no surrogates) and its code point in `cp`; 0 when none starts there (ASCII included).
size_t utf8_at(std::string_view s, size_t i, uint32_t& cp);

// strings.TrimSpace: leading and trailing white space (unicode.IsSpace) removed.
std::string trim_space(const std::string& s);

// strconv.Quote (%q): printable UTF-8 kept, invalid bytes as \xNN, other non-printables escaped.
std::string quote(const std::string& s);
// The time package's quote: control and non-ASCII bytes as \xNN, quote and backslash escaped.
std::string quote_ascii(const std::string& s);

}  // namespace cpphelm::goparse
