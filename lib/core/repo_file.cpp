#include "core/repo_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <initializer_list>

#include "gotext/goyaml.hpp"
#include "core/yaml_subset.hpp"

namespace cpphelm {

namespace {

using goyaml::Resolved;
using yamlsub::Node;

// Thrown when helm's decoder could do something not reproduced here.
struct Refuse {};

bool fold_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
    return true;
}

// The field of repo.File or repo.Entry that `key` names (encoding/json's exact match), or nullopt for
// an unknown key (ignored). A key naming a field only when case is ignored is refused.
std::optional<std::string_view> field_of(const std::string& key, std::initializer_list<std::string_view> fields) {
    for (auto f : fields)
        if (key == f) return f;
    for (auto f : fields)
        if (fold_equal(key, f)) throw Refuse{};
    return std::nullopt;
}

// A value with no typed target (unknown keys, mistyped values) must survive json.Marshal, which
// refuses NaN and infinities; anything else converts.
void check_untyped(const Node& n) {
    if (n.kind == Node::Kind::Scalar && n.plain && goyaml::special_float(n.text)) throw Refuse{};
    for (const auto& [k, v] : n.entries) check_untyped(v);
    for (const auto& v : n.items) check_untyped(v);
}

// A string field: the text encoding/json stores for a scalar, as sigs.k8s.io/yaml hands it over for a
// string target ("" for null). A mapping or sequence is a type error: the field keeps "".
std::string string_field(const Node& n, bool& error) {
    if (n.kind != Node::Kind::Scalar) {
        check_untyped(n);
        error = true;
        return "";
    }
    if (!n.plain) return n.text;
    switch (goyaml::resolve_plain(n.text)) {
        case Resolved::Str:
        case Resolved::Timestamp: return n.text;  // yaml.v2 keeps a timestamp's text in interface{}
        case Resolved::True: return "true";
        case Resolved::False: return "false";
        case Resolved::Null: return "";
        default: throw Refuse{};  // numbers become strings by Go's float formatting: not reproduced
    }
}

// A string field whose value nobody prints: any scalar converts to a string without error.
void unprinted_string_field(const Node& n, bool& error) {
    if (n.kind == Node::Kind::Scalar) return;
    check_untyped(n);
    error = true;
}

// A bool field: a bool or null decodes; anything else is a type error.
void bool_field(const Node& n, bool& error) {
    check_untyped(n);
    Resolved r = n.kind == Node::Kind::Scalar && n.plain ? goyaml::resolve_plain(n.text) : Resolved::Str;
    if (r != Resolved::True && r != Resolved::False && r != Resolved::Null) error = true;
}

// repo.File's `generated` (time.Time): null, or a quoted time Go's strict RFC 3339 parser accepts. A
// time it refuses stops encoding/json's decoding altogether, which is left to helm's code.
void time_field(const Node& n) {
    if (n.kind != Node::Kind::Scalar) throw Refuse{};
    Resolved r = n.plain ? goyaml::resolve_plain(n.text) : Resolved::Str;
    if (r == Resolved::Null) return;
    if ((r == Resolved::Str || r == Resolved::Timestamp) && goyaml::strict_rfc3339(n.text)) return;
    throw Refuse{};
}

RepoFileEntry entry(const Node& n, bool& error) {
    if (n.kind != Node::Kind::Mapping) throw Refuse{};  // null entries crash helm; others are type errors
    RepoFileEntry e;
    for (const auto& [key, v] : n.entries) {
        auto f = field_of(key, {"name", "url", "username", "password", "certFile", "keyFile", "caFile",
                                "insecure_skip_tls_verify", "pass_credentials_all"});
        if (!f) check_untyped(v);
        else if (*f == "insecure_skip_tls_verify" || *f == "pass_credentials_all") bool_field(v, error);
        else if (*f == "name") e.name = string_field(v, error);
        else if (*f == "url") e.url = string_field(v, error);
        else unprinted_string_field(v, error);
    }
    return e;
}

void repositories(const Node& n, RepoFileContents& out) {
    if (n.kind == Node::Kind::Scalar && n.plain && goyaml::resolve_plain(n.text) == Resolved::Null) return;
    if (n.kind != Node::Kind::Sequence) throw Refuse{};
    for (const auto& item : n.items) out.repositories.push_back(entry(item, out.load_error));
}

}  // namespace

std::optional<RepoFileContents> decode_repo_file(std::string_view text) {
    auto doc = yamlsub::parse(text);
    if (!doc) return std::nullopt;
    RepoFileContents out;
    if (!*doc) return out;  // no document: nothing decoded, no error
    try {
        const Node& top = **doc;
        if (top.kind != Node::Kind::Mapping) throw Refuse{};
        for (const auto& [key, v] : top.entries) {
            auto f = field_of(key, {"apiVersion", "generated", "repositories"});
            if (!f) check_untyped(v);
            else if (*f == "apiVersion") unprinted_string_field(v, out.load_error);
            else if (*f == "generated") time_field(v);
            else repositories(v, out);
        }
    } catch (const Refuse&) {
        return std::nullopt;
    }
    return out;
}

std::optional<RepoFileContents> load_repo_file(const std::string& path) {
    RepoFileContents unreadable{{}, true};
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return unreadable;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))) {
        ::close(fd);
        return std::nullopt;  // a device or pipe: left to helm's code
    }
    std::string text;
    char buf[65536];
    ssize_t n = 0;
    while ((n = ::read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0) text.append(buf, static_cast<size_t>(n));
    ::close(fd);
    if (n < 0) return unreadable;  // a directory (EISDIR) or a read error
    return decode_repo_file(text);
}

}  // namespace cpphelm
