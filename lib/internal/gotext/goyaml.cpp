#include "gotext/goyaml.hpp"

#include <array>

#include "gotext/goparse.hpp"

namespace cpphelm::goyaml {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// yaml.v2's resolveMap: the spellings it resolves by table (looked up only when the first character
// has a hint: sign, digit, '.', or one of yYnNtTfFoO~; and for the empty string).
std::optional<Resolved> by_table(std::string_view s) {
    static const std::array<std::string_view, 11> yes{"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
    static const std::array<std::string_view, 11> no{"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
    static const std::array<std::string_view, 5> null{"", "~", "null", "Null", "NULL"};
    static const std::array<std::string_view, 12> special{".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF",
                                                          "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"};
    for (auto w : yes)
        if (s == w) return Resolved::True;
    for (auto w : no)
        if (s == w) return Resolved::False;
    for (auto w : null)
        if (s == w) return Resolved::Null;
    for (auto w : special)
        if (s == w) return Resolved::Other;
    return std::nullopt;
}

// The digit counts of a string matching yaml.v2's yamlStyleFloat,
// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$, or nullopt.
struct FloatShape {
    int mantissa_digits = 0;
    int exponent_digits = 0;
};
std::optional<FloatShape> float_shape(std::string_view s) {
    FloatShape f;
    size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t int_start = i;
    for (; i < s.size() && is_digit(s[i]); ++i) ++f.mantissa_digits;
    bool int_part = i > int_start;
    if (i < s.size() && s[i] == '.') {
        size_t frac_start = ++i;
        for (; i < s.size() && is_digit(s[i]); ++i) ++f.mantissa_digits;
        if (!int_part && i == frac_start) return std::nullopt;
    } else if (!int_part) {
        return std::nullopt;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        size_t exp_start = i;
        for (; i < s.size() && is_digit(s[i]); ++i) ++f.exponent_digits;
        if (i == exp_start) return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    return f;
}

// A float of this shape parses without overflow (and without the doubt of huge digit strings).
Resolved float_result(const FloatShape& f) {
    return f.mantissa_digits <= 15 && f.exponent_digits <= 2 ? Resolved::Other : Resolved::Unsure;
}

// [+-]?0<p><digits in base> with p one of `prefixes`: an integer strconv.ParseInt(s, 0, 64) accepts when
// small enough. Returns Other when it surely fits int64, Unsure when it may not, nullopt if no match.
std::optional<Resolved> prefixed_int(std::string_view s, char prefix, int base, int max_digits) {
    size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
    if (s.size() < i + 3 || s[i] != '0' || (s[i + 1] | 0x20) != prefix) return std::nullopt;
    int significant = 0;
    bool leading = true;
    for (size_t k = i + 2; k < s.size(); ++k) {
        char c = static_cast<char>(s[k] | 0x20);
        int d = is_digit(s[k]) ? s[k] - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : 99;
        if (d >= base) return std::nullopt;
        if (d != 0) leading = false;
        if (!leading) ++significant;
    }
    return significant <= max_digits ? Resolved::Other : Resolved::Unsure;
}

int days_in(int month, int year) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    return month == 2 && leap ? 29 : days[month - 1];
}

// Go's getnum(s, false) in time.Parse: one or two digits.
bool number(std::string_view s, size_t& i, int& v) {
    if (i >= s.size() || !is_digit(s[i])) return false;
    v = s[i++] - '0';
    if (i < s.size() && is_digit(s[i])) v = v * 10 + (s[i++] - '0');
    return true;
}

bool literal(std::string_view s, size_t& i, char c) {
    if (i >= s.size() || s[i] != c) return false;
    ++i;
    return true;
}

// Layout "15:4:5.999999999": hours, minutes, seconds in range, an optional fraction after '.' or ','.
bool clock(std::string_view s, size_t& i) {
    int h, m, sec;
    if (!number(s, i, h) || h >= 24 || !literal(s, i, ':') || !number(s, i, m) || m >= 60 || !literal(s, i, ':') ||
        !number(s, i, sec) || sec >= 60)
        return false;
    if (i + 1 < s.size() && (s[i] == '.' || s[i] == ',') && is_digit(s[i + 1]))
        for (i += 2; i < s.size() && is_digit(s[i]);) ++i;
    return true;
}

// Layout "Z07:00": Z, or a sign and two-digit hours (up to 24) and minutes (up to 60).
bool zone(std::string_view s, size_t& i) {
    if (literal(s, i, 'Z')) return true;
    if (s.size() - i < 6 || (s[i] != '+' && s[i] != '-') || s[i + 3] != ':') return false;
    for (size_t k : {1, 2, 4, 5})
        if (!is_digit(s[i + k])) return false;
    int hours = (s[i + 1] - '0') * 10 + (s[i + 2] - '0'), minutes = (s[i + 4] - '0') * 10 + (s[i + 5] - '0');
    i += 6;
    return hours <= 24 && minutes <= 60;
}

// yaml.v2's parseTimestamp: time.Parse with "2006-1-2T15:4:5.999999999Z07:00" (T or t),
// "2006-1-2 15:4:5.999999999" or "2006-1-2".
bool timestamp(std::string_view s) {
    if (s.size() < 5 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3]) || s[4] != '-')
        return false;
    int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'), month, day;
    size_t i = 5;
    if (!number(s, i, month) || month < 1 || month > 12 || !literal(s, i, '-') || !number(s, i, day)) return false;
    if (day < 1 || day > days_in(month, year)) return false;
    if (i == s.size()) return true;
    if (s[i] == 'T' || s[i] == 't') return clock(s, ++i) && zone(s, i) && i == s.size();
    if (s[i] != ' ') return false;
    while (i < s.size() && s[i] == ' ') ++i;
    return clock(s, i) && i == s.size();
}

// resolve()'s numeric branch for strings starting with a sign or a digit.
Resolved resolve_number(std::string_view in) {
    if (timestamp(in)) return Resolved::Timestamp;
    std::string plain;
    for (char c : in)
        if (c != '_') plain += c;
    size_t i = (!plain.empty() && (plain[0] == '+' || plain[0] == '-')) ? 1 : 0;
    bool decimal = i < plain.size();
    for (size_t k = i; k < plain.size(); ++k) decimal = decimal && is_digit(plain[k]);
    if (decimal) return plain.size() - i <= 300 ? Resolved::Other : Resolved::Unsure;  // int, uint or float
    if (auto r = prefixed_int(plain, 'x', 16, 15)) return *r;
    if (auto r = prefixed_int(plain, 'o', 8, 21)) return *r;
    if (auto r = prefixed_int(plain, 'b', 2, 62)) return *r;
    if (auto f = float_shape(plain)) return float_result(*f);
    // "0b" followed by a signed binary number: strconv.ParseInt(plain[2:], 2, 64).
    if (plain.size() > 3 && plain[0] == '0' && plain[1] == 'b' && (plain[2] == '+' || plain[2] == '-')) {
        bool binary = true;
        for (size_t k = 3; k < plain.size(); ++k) binary = binary && (plain[k] == '0' || plain[k] == '1');
        if (binary) return plain.size() - 3 <= 62 ? Resolved::Other : Resolved::Unsure;
    }
    return Resolved::Str;
}

}  // namespace

bool printable(char32_t c) {
    if (c < 0x80) return c >= 0x20 && c <= 0x7E;
    if (c == 0xFEFF || c == 0x2028 || c == 0x2029) return false;
    return (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

bool special_float(std::string_view s) { return s.size() >= 4 && by_table(s) == Resolved::Other; }

Resolved resolve_plain(std::string_view s) {
    char c = s.empty() ? 'N' : s[0];
    bool sign_or_digit = c == '+' || c == '-' || is_digit(c);
    bool in_map = std::string_view("yYnNtTfFoO~").find(c) != std::string_view::npos;
    if (!sign_or_digit && !in_map && c != '.') return Resolved::Str;
    if (auto r = by_table(s)) return *r;
    if (in_map) return Resolved::Str;
    if (c == '.') {
        // strconv.ParseFloat accepts underscores between digits; without them, only \.[0-9]+(e…)? parses.
        if (s.find('_') != std::string_view::npos) return Resolved::Unsure;
        auto f = float_shape(s);
        return f ? float_result(*f) : Resolved::Str;
    }
    return resolve_number(s);
}

bool valid_utf8(std::string_view s) {
    uint32_t cp = 0;
    for (size_t i = 0; i < s.size();) {
        size_t n = static_cast<unsigned char>(s[i]) < 0x80 ? 1 : goparse::utf8_at(s, i, cp);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

char32_t next_code_point(std::string_view s, size_t& i) {
    auto b = static_cast<unsigned char>(s[i]);
    uint32_t cp = 0;
    size_t n = b < 0x80 ? 0 : goparse::utf8_at(s, i, cp);
    i += n ? n : 1;
    return b < 0x80 ? b : n ? cp : 0xFFFD;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}


std::string json_string(std::string_view s) {
    static const char* hex = "0123456789abcdef";
    std::string out = "\"";
    for (size_t i = 0; i < s.size();) {
        auto b = static_cast<unsigned char>(s[i]);
        if (b >= 0x80) {
            uint32_t cp = 0;
            size_t n = goparse::utf8_at(s, i, cp);
            if (n == 0) {
                out += "\\ufffd";
                ++i;
                continue;
            }
            if (n == 3 && b == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
                out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
            } else {
                out.append(s.substr(i, n));
            }
            i += n;
            continue;
        }
        switch (b) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (b < 0x20 || b == '<' || b == '>' || b == '&') {
                    out += "\\u00";
                    out += hex[b >> 4];
                    out += hex[b & 0xF];
                } else {
                    out += static_cast<char>(b);
                }
        }
        ++i;
    }
    return out + "\"";
}

namespace {

// yaml.v2's isBase60Float: ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ (such strings are quoted).
bool base60_float(std::string_view s) {
    size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
    if (i >= s.size() || !is_digit(s[i])) return false;
    for (++i; i < s.size() && (is_digit(s[i]) || s[i] == '_');) ++i;
    auto boundary = [&](size_t k) { return k >= s.size() || s[k] == ':' || s[k] == '.'; };
    int groups = 0;
    while (i < s.size() && s[i] == ':') {
        ++i;
        if (i + 1 < s.size() && s[i] >= '0' && s[i] <= '5' && is_digit(s[i + 1]) && boundary(i + 2)) i += 2;
        else if (i < s.size() && is_digit(s[i]) && boundary(i + 1)) i += 1;
        else return false;
        ++groups;
    }
    if (groups == 0) return false;
    if (i < s.size() && s[i] == '.')
        for (++i; i < s.size() && (is_digit(s[i]) || s[i] == '_');) ++i;
    return i == s.size();
}

// analyze_scalar's block_plain_allowed for text of printable, non-break characters.
bool block_plain_allowed(std::string_view v) {
    if (v.empty()) return true;
    if (v.front() == ' ' || v.back() == ' ') return false;
    if (v.size() >= 3 && (v.substr(0, 3) == "---" || v.substr(0, 3) == "...")) return false;
    bool preceded_by_space = true;
    for (size_t i = 0; i < v.size();) {
        char c = v[i];
        size_t next = i;
        next_code_point(v, next);
        bool followed_by_space = next >= v.size() || v[next] == ' ';
        if (i == 0 && std::string_view("#,[]{}&*!|>'\"%@`").find(c) != std::string_view::npos) return false;
        if (i == 0 && (c == '?' || c == ':' || c == '-') && followed_by_space) return false;
        if (i > 0 && c == ':' && followed_by_space) return false;
        if (i > 0 && c == '#' && preceded_by_space) return false;
        preceded_by_space = c == ' ';
        i = next;
    }
    return true;
}

// A control character yaml.v2 escapes in a double-quoted scalar (line breaks excluded: they change the
// style); the others are written as they are.
bool control(char32_t c) { return c < 0x20 && c != '\n' && c != '\r'; }

// The emitter's escape of a control character: \0 \a \b \t \v \f \e, else \xXX.
std::string control_escape(char32_t c) {
    switch (c) {
        case 0x00: return "\\0";
        case 0x07: return "\\a";
        case 0x08: return "\\b";
        case 0x09: return "\\t";
        case 0x0B: return "\\v";
        case 0x0C: return "\\f";
        case 0x1B: return "\\e";
        default: break;
    }
    const char* hex = "0123456789ABCDEF";
    return std::string("\\x") + hex[c >> 4] + hex[c & 0xF];
}

// Writes `s` in `style` ('p' plain, '\'' single, '"' double) from `column`; nullopt where yaml.v2
// would fold the line (a space written past column 80).
std::optional<std::string> write_scalar(std::string_view s, char style, int column) {
    std::string out;
    if (style != 'p') {
        out += style;
        ++column;
    }
    for (size_t i = 0; i < s.size();) {
        size_t start = i;
        char32_t c = next_code_point(s, i);
        if (c == ' ' && column > 80) return std::nullopt;
        if (style == '\'' && c == '\'') out += '\'', ++column;
        if (style == '"' && (c == '"' || c == '\\')) out += '\\', ++column;
        if (style == '"' && c < 0x20) {
            std::string e = control_escape(c);
            out += e;
            column += static_cast<int>(e.size());
            continue;
        }
        out.append(s.substr(start, i - start));
        ++column;
    }
    if (style != 'p') out += style;
    return out;
}

}  // namespace

std::optional<std::string> block_value(std::string_view s, int column) {
    if (!valid_utf8(s)) return std::nullopt;
    bool special = false;  // analyze_scalar's special characters: only double quotes can hold them
    for (size_t i = 0; i < s.size();) {
        char32_t c = next_code_point(s, i);
        if (control(c)) special = true;
        else if (!printable(c)) return std::nullopt;
    }
    Resolved r = resolve_plain(s);
    if (r == Resolved::Unsure) return std::nullopt;
    // encoder.stringv: plain when the text would read back as the same string, else double-quoted;
    // the emitter turns a plain scalar it cannot write plainly into a single-quoted one.
    if (special || r != Resolved::Str || base60_float(s)) return write_scalar(s, '"', column);
    return write_scalar(s, block_plain_allowed(s) ? 'p' : '\'', column);
}

namespace {

// Go's parseUint in parseRFC3339: all digits and within [lo, hi].
bool field(std::string_view s, size_t at, size_t len, int lo, int hi, int& out) {
    out = 0;
    for (size_t k = at; k < at + len; ++k) {
        if (!is_digit(s[k])) return false;
        out = out * 10 + (s[k] - '0');
    }
    return out >= lo && out <= hi;
}

}  // namespace

bool strict_rfc3339(std::string_view s) {
    if (s.size() < 19) return false;
    int year, month, day, hour, min, sec;
    if (!field(s, 0, 4, 0, 9999, year) || !field(s, 5, 2, 1, 12, month) ||
        !field(s, 8, 2, 1, days_in(month, year), day) || !field(s, 11, 2, 0, 23, hour) ||
        !field(s, 14, 2, 0, 59, min) || !field(s, 17, 2, 0, 59, sec))
        return false;
    if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
    size_t i = 19;
    if (i + 1 < s.size() && s[i] == '.' && is_digit(s[i + 1]))
        for (i += 2; i < s.size() && is_digit(s[i]);) ++i;
    std::string_view zone = s.substr(i);
    if (zone == "Z") return true;
    int zh, zm;
    return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' && field(zone, 1, 2, 0, 23, zh) &&
           field(zone, 4, 2, 0, 59, zm);
}

}  // namespace cpphelm::goyaml
