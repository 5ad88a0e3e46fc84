#include "gotext/goparse.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace cpphelm::goparse {

std::optional<bool> parse_bool(const std::string& s) {
    if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") return true;
    if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") return false;
    return std::nullopt;
}

namespace {

int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

// Parses an unsigned magnitude in `base`; sets `range` on overflow of uint64.
std::optional<uint64_t> parse_magnitude(const std::string& s, int base, bool underscores, bool& range) {
    if (s.empty()) return std::nullopt;
    uint64_t v = 0;
    bool any = false;
    char prev = '_';
    for (char c : s) {
        if (c == '_' && underscores) {
            if (prev == '_' && any) return std::nullopt;
            prev = c;
            continue;
        }
        int d = digit_value(c);
        if (d >= base) return std::nullopt;
        if (v > (std::numeric_limits<uint64_t>::max() - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base))
            range = true;
        v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
        any = true;
        prev = c;
    }
    if (underscores && prev == '_') return std::nullopt;
    return any ? std::optional<uint64_t>(v) : std::nullopt;
}

}  // namespace

Parsed<int64_t> parse_int(const std::string& input, int bits) {
    auto syntax = [&] { return Parsed<int64_t>{std::nullopt, "strconv.ParseInt: parsing " + quote(input) + ": invalid syntax"}; };
    auto out_of_range = [&] {
        return Parsed<int64_t>{std::nullopt, "strconv.ParseInt: parsing " + quote(input) + ": value out of range"};
    };
    std::string s = input;
    bool neg = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        neg = s[0] == '-';
        s = s.substr(1);
    }
    int base = 10;
    bool underscores = true;  // base 0 allows "1_000"
    if (s.size() >= 2 && s[0] == '0') {
        char p = static_cast<char>(std::tolower(static_cast<unsigned char>(s[1])));
        if (p == 'x' || p == 'o' || p == 'b') {
            base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
            s = s.substr(2);
        } else {
            base = 8;
            s = s.substr(1);
        }
    }
    bool range = false;
    auto m = parse_magnitude(s, base, underscores, range);
    if (!m) return syntax();
    uint64_t limit = uint64_t{1} << (bits - 1);
    if (range || (!neg && *m >= limit) || (neg && *m > limit)) return out_of_range();
    int64_t v = neg ? static_cast<int64_t>(0 - *m) : static_cast<int64_t>(*m);
    return {v, ""};
}

Parsed<uint64_t> parse_uint(const std::string& input) {
    auto fail = [&](const char* why) {
        return Parsed<uint64_t>{std::nullopt, "strconv.ParseUint: parsing " + quote(input) + ": " + why};
    };
    std::string s = input;
    int base = 10;
    if (s.size() >= 2 && s[0] == '0') {
        char p = static_cast<char>(std::tolower(static_cast<unsigned char>(s[1])));
        base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 8;
        s = s.substr(base == 8 && p != 'o' ? 1 : 2);
    }
    bool range = false;
    auto m = parse_magnitude(s, base, true, range);
    if (!m) return fail("invalid syntax");
    if (range) return fail("value out of range");
    return {*m, ""};
}

std::optional<int64_t> atoi(const std::string& input) {
    std::string s = input;
    bool neg = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        neg = s[0] == '-';
        s = s.substr(1);
    }
    bool range = false;
    auto m = parse_magnitude(s, 10, false, range);
    if (!m || range || *m > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
    return neg ? -static_cast<int64_t>(*m) : static_cast<int64_t>(*m);
}

std::optional<double> parse_float(const std::string& s) {
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) return std::nullopt;
    return v;
}

Parsed<int64_t> parse_duration(const std::string& orig) {
    auto invalid = [&] { return Parsed<int64_t>{std::nullopt, "time: invalid duration " + quote_ascii(orig)}; };
    std::string s = orig;
    bool neg = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        s = s.substr(1);
    }
    if (s == "0") return {0, ""};
    if (s.empty()) return invalid();
    struct Unit {
        const char* name;
        int64_t ns;
    };
    static const Unit units[] = {{"ns", 1},          {"us", 1000},           {"\xC2\xB5s", 1000},
                                 {"\xCE\xBCs", 1000}, {"ms", 1000000},        {"s", 1000000000},
                                 {"m", 60000000000},  {"h", 3600000000000}};
    long double total = 0;
    size_t i = 0;
    while (i < s.size()) {
        if (!(std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) return invalid();
        size_t start = i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
        bool pre = i > start;
        std::string num = s.substr(start, i - start);
        std::string frac;
        bool post = false;
        if (i < s.size() && s[i] == '.') {
            ++i;
            size_t fs = i;
            while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
            frac = s.substr(fs, i - fs);
            post = !frac.empty();
        }
        if (!pre && !post) return invalid();
        size_t us = i;
        while (i < s.size() && s[i] != '.' && !std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
        std::string unit = s.substr(us, i - us);
        if (unit.empty()) return {std::nullopt, "time: missing unit in duration " + quote_ascii(orig)};
        const Unit* u = nullptr;
        for (const auto& cand : units)
            if (unit == cand.name) u = &cand;
        if (!u) return {std::nullopt, "time: unknown unit " + quote_ascii(unit) + " in duration " + quote_ascii(orig)};
        long double v = num.empty() ? 0 : std::strtold(num.c_str(), nullptr);
        if (!frac.empty()) v += std::strtold(("0." + frac).c_str(), nullptr);
        total += v * static_cast<long double>(u->ns);
        if (total > static_cast<long double>(std::numeric_limits<int64_t>::max())) return invalid();
    }
    int64_t ns = static_cast<int64_t>(total);
    return {neg ? -ns : ns, ""};
}

std::string format_duration(int64_t d) {
    if (d == 0) return "0s";
    bool neg = d < 0;
    uint64_t u = neg ? static_cast<uint64_t>(-d) : static_cast<uint64_t>(d);
    std::string out;
    auto frac = [](uint64_t v, int prec, std::string& digits) {
        // Returns v / 10^prec and writes the fractional digits (trailing zeros dropped).
        std::string f;
        bool print = false;
        for (int i = 0; i < prec; ++i) {
            int digit = static_cast<int>(v % 10);
            print = print || digit != 0;
            if (print) f.insert(f.begin(), static_cast<char>('0' + digit));
            v /= 10;
        }
        digits = f.empty() ? "" : "." + f;
        return v;
    };
    std::string fd;
    if (u < 1000000000ULL) {
        int prec;
        const char* unit;
        if (u < 1000ULL) {
            prec = 0;
            unit = "ns";
        } else if (u < 1000000ULL) {
            prec = 3;
            unit = "\xC2\xB5s";
        } else {
            prec = 6;
            unit = "ms";
        }
        uint64_t whole = frac(u, prec, fd);
        out = std::to_string(whole) + fd + unit;
    } else {
        uint64_t secs = frac(u, 9, fd);
        std::string s = std::to_string(secs % 60) + fd + "s";
        uint64_t mins = secs / 60;
        if (mins > 0) {
            s = std::to_string(mins % 60) + "m" + s;
            uint64_t hours = mins / 60;
            if (hours > 0) s = std::to_string(hours) + "h" + s;
        }
        out = s;
    }
    return neg ? "-" + out : out;
}

Parsed<std::vector<std::string>> read_csv_record(const std::string& s) {
    std::vector<std::string> fields;
    size_t i = 0;
    int col = 0;
    while (true) {
        std::string field;
        if (i < s.size() && s[i] == '"') {
            ++i;
            while (true) {
                if (i >= s.size()) {
                    return {std::nullopt, "record on line 1; parse error on line 2, column 0: extraneous or missing \" in quoted-field"};
                }
                if (s[i] == '"') {
                    if (i + 1 < s.size() && s[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += s[i++];
            }
            if (i < s.size() && s[i] != ',') {
                return {std::nullopt, "parse error on line 1, column " + std::to_string(i + 1) +
                                          ": extraneous or missing \" in quoted-field"};
            }
        } else {
            while (i < s.size() && s[i] != ',') {
                if (s[i] == '"') {
                    return {std::nullopt,
                            "parse error on line 1, column " + std::to_string(i + 1) + ": bare \" in non-quoted-field"};
                }
                field += s[i++];
            }
        }
        fields.push_back(field);
        ++col;
        if (i >= s.size()) break;
        ++i;  // skip ','
    }
    return {fields, ""};
}

std::string format_fixed2(float f) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(f));
    return buf;
}

size_t utf8_at(std::string_view s, size_t i, uint32_t& cp) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (size_t k = 1; k < n; ++k) {
        unsigned char d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xC0) != 0x80) return 0;
        cp = cp << 6 | (d & 0x3F);
    }
    bool overlong = (n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF));
    return overlong || (cp >= 0xD800 && cp <= 0xDFFF) ? 0 : n;
}

namespace {

std::string quote_with(const std::string& s) {
    std::string out = "\"";
    char buf[12];
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        switch (c) {
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            case '\n': out += "\\n"; continue;
            case '\t': out += "\\t"; continue;
            case '\r': out += "\\r"; continue;
            case '\a': out += "\\a"; continue;
            case '\b': out += "\\b"; continue;
            case '\f': out += "\\f"; continue;
            case '\v': out += "\\v"; continue;
            default: break;
        }
        if (c < 0x20 || c == 0x7f) {
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
            continue;
        }
        if (c < 0x80) {
            out += static_cast<char>(c);
            continue;
        }
        uint32_t cp = 0;
        size_t n = utf8_at(s, i, cp);
        if (n == 0) {
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else if (cp < 0xA0 || cp == 0xAD) {  // C1 controls and the soft hyphen are not printable
            std::snprintf(buf, sizeof buf, "\\u%04x", cp);
            out += buf;
            i += n - 1;
        } else {
            out.append(s, i, n);
            i += n - 1;
        }
    }
    return out + "\"";
}

}  // namespace

std::string quote(const std::string& s) { return quote_with(s); }

std::string quote_ascii(const std::string& s) {
    std::string out = "\"";
    char buf[8];
    for (unsigned char c : s) {
        if (c < 0x20 || c >= 0x80) {
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            if (c == '"' || c == '\\') out += '\\';
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

namespace {

// The length of the white space (unicode.IsSpace) starting at s[i], or 0.
size_t space_at(const std::string& s, size_t i) {
    auto b = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    unsigned c = b(i);
    if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
    if (c == 0xC2 && (b(i + 1) == 0x85 || b(i + 1) == 0xA0)) return 2;                                // U+0085, U+00A0
    if (c == 0xE1 && b(i + 1) == 0x9A && b(i + 2) == 0x80) return 3;                                  // U+1680
    unsigned d = b(i + 2);
    if (c == 0xE2 && b(i + 1) == 0x80 && ((d >= 0x80 && d <= 0x8A) || d == 0xA8 || d == 0xA9 || d == 0xAF))
        return 3;                                                                                     // U+2000-200A, 2028, 2029, 202F
    if (c == 0xE2 && b(i + 1) == 0x81 && b(i + 2) == 0x9F) return 3;                                  // U+205F
    if (c == 0xE3 && b(i + 1) == 0x80 && b(i + 2) == 0x80) return 3;                                  // U+3000
    return 0;
}

}  // namespace

std::string trim_space(const std::string& s) {
    size_t start = 0;
    for (size_t n; start < s.size() && (n = space_at(s, start)) > 0;) start += n;
    size_t end = s.size();
    for (bool trimmed = true; trimmed && end > start;) {
        trimmed = false;
        for (size_t n = 1; n <= 3 && n <= end - start; ++n)
            if (space_at(s, end - n) == n) {
                end -= n;
                trimmed = true;
                break;
            }
    }
    return s.substr(start, end - start);
}

}  // namespace cpphelm::goparse
