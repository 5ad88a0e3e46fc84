#include "core/yaml_subset.hpp"

#include "gotext/goyaml.hpp"

namespace cpphelm::yamlsub {

namespace {

// Thrown inside the parser when the input leaves the accepted subset.
struct Refuse {};

// A line that holds content: its indentation and what follows it (never blank, never a comment).
struct Line {
    int indent = 0;
    std::string_view content;
};

// The lines with content; refuses characters outside the subset.
std::vector<Line> content_lines(std::string_view text) {
    if (!goyaml::valid_utf8(text)) throw Refuse{};
    for (size_t i = 0; i < text.size();) {
        char32_t c = goyaml::next_code_point(text, i);
        if (c != '\n' && !goyaml::printable(c)) throw Refuse{};  // no tabs, CRs, other line breaks, BOMs
    }
    std::vector<Line> lines;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view l = text.substr(start, end - start);
        size_t indent = l.find_first_not_of(' ');
        if (indent != std::string_view::npos && l[indent] != '#')
            lines.push_back({static_cast<int>(indent), l.substr(indent)});
        start = end + 1;
    }
    return lines;
}

bool word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

// "key:" at the start of `content` with a plain word as key (one that reads as a string); the rest
// of the line after the colon. nullopt when the line is no such key line.
std::optional<std::pair<std::string_view, std::string_view>> key_line(std::string_view content) {
    if (content.empty() || !((content[0] >= 'a' && content[0] <= 'z') || (content[0] >= 'A' && content[0] <= 'Z') ||
                             content[0] == '_'))
        return std::nullopt;
    size_t i = 0;
    while (i < content.size() && word_char(content[i])) ++i;
    if (i >= content.size() || content[i] != ':' || (i + 1 < content.size() && content[i + 1] != ' ')) return std::nullopt;
    return std::make_pair(content.substr(0, i), content.substr(i + 1));
}

bool dash_line(std::string_view content) { return content == "-" || content.substr(0, 2) == "- "; }

// What may follow a quoted scalar or flow collection on its line: nothing, or spaces and a comment.
void expect_line_end(std::string_view rest) {
    size_t i = rest.find_first_not_of(' ');
    if (i == std::string_view::npos) return;
    if (i == 0 || rest[i] != '#') throw Refuse{};
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw Refuse{};
}

// One escape of a double-quoted scalar (yaml.v2's scanner) at s[i] (after the backslash); advances i.
void decode_escape(std::string_view s, size_t& i, std::string& out) {
    if (i >= s.size()) throw Refuse{};  // an escaped line break: the scalar goes on to the next line
    char e = s[i++];
    const std::string_view simple = "0abtnvfre \"'\\";
    const char* decoded = "\0\a\b\t\n\v\f\r\x1b \"'\\";
    if (auto k = simple.find(e); k != std::string_view::npos) {
        out += decoded[k];
        return;
    }
    char32_t named = e == 'N' ? 0x85 : e == '_' ? 0xA0 : e == 'L' ? 0x2028 : e == 'P' ? 0x2029 : 0;
    if (named) return goyaml::append_utf8(out, named);
    size_t len = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
    if (len == 0 || i + len > s.size()) throw Refuse{};
    char32_t v = 0;
    for (size_t k = 0; k < len; ++k) v = (v << 4) | static_cast<char32_t>(hex_value(s[i + k]));
    if ((v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) throw Refuse{};
    i += len;
    goyaml::append_utf8(out, v);
}

Node quoted(std::string_view s) {
    Node n;
    n.plain = false;
    char q = s[0];
    size_t i = 1;
    for (;;) {
        if (i >= s.size()) throw Refuse{};  // continues on the next line
        char c = s[i++];
        if (q == '\'' && c == '\'') {
            if (i < s.size() && s[i] == '\'') {
                n.text += '\'';
                ++i;
                continue;
            }
            break;
        }
        if (q == '"' && c == '"') break;
        if (q == '"' && c == '\\') {
            decode_escape(s, i, n.text);
            continue;
        }
        n.text += c;
    }
    expect_line_end(s.substr(i));
    return n;
}

// A scalar (or empty flow collection) that fills the rest of its line.
Node inline_value(std::string_view s) {
    if (s[0] == '"' || s[0] == '\'') return quoted(s);
    if (s.substr(0, 2) == "[]" || s.substr(0, 2) == "{}") {
        expect_line_end(s.substr(2));
        Node n;
        n.kind = s[0] == '[' ? Node::Kind::Sequence : Node::Kind::Mapping;
        return n;
    }
    // Indicators cannot start a plain scalar; '-', '?' and ':' can when a non-space follows.
    if (std::string_view(",[]{}#&*!|>%@`").find(s[0]) != std::string_view::npos) throw Refuse{};
    if (std::string_view("-?:").find(s[0]) != std::string_view::npos && (s.size() < 2 || s[1] == ' '))
        throw Refuse{};
    std::string_view text = s.substr(0, s.find(" #"));
    text = text.substr(0, text.find_last_not_of(' ') + 1);
    if (text.find(": ") != std::string_view::npos || text.back() == ':') throw Refuse{};
    Node n;
    n.text = std::string(text);
    return n;
}

class Parser {
public:
    explicit Parser(std::vector<Line> lines) : m_lines(std::move(lines)) {}

    std::optional<Node> document() {
        if (!m_lines.empty() && m_lines[0].indent == 0 && m_lines[0].content == "---") ++m_pos;
        if (m_pos == m_lines.size()) return std::nullopt;
        if (m_lines[m_pos].indent != 0) throw Refuse{};
        Node n = block(0, 0);
        if (m_pos != m_lines.size()) throw Refuse{};
        return n;
    }

private:
    bool more_at(int indent) const { return m_pos < m_lines.size() && m_lines[m_pos].indent == indent; }

    Node block(int indent, int depth) {
        if (depth > 32) throw Refuse{};
        return dash_line(m_lines[m_pos].content) ? sequence(indent, depth) : mapping(indent, depth);
    }

    Node mapping(int indent, int depth) {
        Node n;
        n.kind = Node::Kind::Mapping;
        while (m_pos < m_lines.size() && m_lines[m_pos].indent >= indent) {
            if (m_lines[m_pos].indent > indent) throw Refuse{};
            auto kv = key_line(m_lines[m_pos].content);
            if (!kv) break;
            std::string key(kv->first);
            if (goyaml::resolve_plain(key) != goyaml::Resolved::Str) throw Refuse{};
            for (const auto& e : n.entries)
                if (e.key == key) throw Refuse{};
            ++m_pos;
            Node v = value(indent, kv->second, depth);
            n.entries.push_back(Node::Entry{std::move(key), std::move(v)});
        }
        if (n.entries.empty()) throw Refuse{};
        return n;
    }

    // The value of a key at `indent` whose line goes on with `rest`.
    Node value(int indent, std::string_view rest, int depth) {
        size_t at = rest.find_first_not_of(' ');
        if (at != std::string_view::npos && rest[at] != '#') {
            Node n = inline_value(rest.substr(at));
            if (m_pos < m_lines.size() && m_lines[m_pos].indent > indent) throw Refuse{};  // a multi-line scalar
            return n;
        }
        if (m_pos < m_lines.size() && m_lines[m_pos].indent > indent) return block(m_lines[m_pos].indent, depth + 1);
        if (more_at(indent) && dash_line(m_lines[m_pos].content)) return sequence(indent, depth + 1);
        return Node{};  // null
    }

    Node sequence(int indent, int depth) {
        Node n;
        n.kind = Node::Kind::Sequence;
        while (m_pos < m_lines.size() && m_lines[m_pos].indent >= indent) {
            Line& l = m_lines[m_pos];
            if (l.indent > indent) throw Refuse{};
            if (!dash_line(l.content)) break;
            if (l.content == "-") throw Refuse{};  // the item starts on the next line
            size_t at = l.content.find_first_not_of(' ', 1);
            if (at == std::string_view::npos) throw Refuse{};
            std::string_view item = l.content.substr(at);
            if (dash_line(item)) throw Refuse{};
            if (key_line(item)) {
                l = Line{indent + static_cast<int>(at), item};
                n.items.push_back(mapping(l.indent, depth + 1));
                continue;
            }
            ++m_pos;
            n.items.push_back(inline_value(item));
            if (m_pos < m_lines.size() && m_lines[m_pos].indent > indent) throw Refuse{};
        }
        return n;
    }

    std::vector<Line> m_lines;
    size_t m_pos = 0;
};

}  // namespace

std::optional<std::optional<Node>> parse(std::string_view text) {
    try {
        Parser p(content_lines(text));
        return p.document();
    } catch (const Refuse&) {
        return std::nullopt;
    }
}

}  // namespace cpphelm::yamlsub
