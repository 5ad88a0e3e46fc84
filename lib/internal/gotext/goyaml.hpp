#pragma once

#include <optional>
#include <string>
#include <string_view>

// Scalar text exactly as helm's Go encoders and decoders treat it: go.yaml.in/yaml/v2 (behind
// sigs.k8s.io/yaml) and encoding/json. Where a rule is too intricate to be sure of (numbers at the edge
// of float64's range, timestamps), the answer is "unsure" and the caller hands the work to helm's own code.
namespace cpphelm::goyaml {

// What yaml.v2's resolve("", s) makes of a plain (unquoted) scalar.
enum class Resolved {
    Str,     // a string: the text itself
    True,    // !!bool true (y, yes, on, true, … in their spellings)
    False,   // !!bool false
    Null,    // "", ~, null, Null, NULL
    Other,      // an int, float or special float
    Timestamp,  // a timestamp (decoded into interface{}, yaml.v2 keeps its text as a string)
    Unsure,     // a number at the edge of its range: not decided here
};
Resolved resolve_plain(std::string_view s);

// Whether a plain scalar resolves to a NaN or an infinity (.nan, .inf, -.Inf, …), which json.Marshal
// refuses: sigs.k8s.io/yaml then fails on the whole document unless the value goes to a string field.
bool special_float(std::string_view s);

// Whether yaml.v2 writes code point `c` as itself in any scalar style and reads it back unchanged:
// printable, and neither a line break (\n, \r, NEL, LS, PS) nor a byte order mark.
bool printable(char32_t c);

// Whether `s` is valid UTF-8 as Go's utf8.ValidString sees it (no surrogates, no overlong forms).
bool valid_utf8(std::string_view s);

// Decodes the code point at s[i] (valid UTF-8 assumed) and advances i past it.
char32_t next_code_point(std::string_view s, size_t& i);

// Appends code point `c` to `out` as UTF-8.
void append_utf8(std::string& out, char32_t c);

// encoding/json's encoding of a string (with HTML escaping, as json.Encoder by default): quotes,
// \u003c \u003e \u0026, \u2028 \u2029, \b \f \n \r \t, other control bytes as \u00XX, invalid UTF-8
// as \ufffd.
std::string json_string(std::string_view s);

// How sigs.k8s.io/yaml's Marshal writes string `s` as a block mapping value whose text starts at
// `column` (after "key: "): plain, single- or double-quoted as yaml.v2 chooses. nullopt when the value
// needs what is not reproduced here: escapes of non-printable characters, line breaks (literal style),
// a line longer than yaml.v2's 80-column folding width at a space, or an unsure resolution.
std::optional<std::string> block_value(std::string_view s, int column);

// Whether `s` passes time.Time.UnmarshalJSON's strict RFC 3339 fast path (Go's parseRFC3339):
// YYYY-MM-DDTHH:MM:SS[.digits](Z|±HH:MM) with every field in range.
bool strict_rfc3339(std::string_view s);

}  // namespace cpphelm::goyaml
