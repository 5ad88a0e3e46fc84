#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// A strict reader for the block-style YAML that helm writes (sigs.k8s.io/yaml's output) and for the
// simple hand-edited files close to it. Whatever it does not accept, it refuses (nullopt), so that the
// caller can leave the file to helm's own decoder: flow collections other than [] and {}, anchors,
// aliases, tags, block and multi-line scalars, directives, several documents, tabs, carriage returns,
// non-printable characters, keys that are not plain words, duplicate keys, unusual indentation.
namespace cpphelm::yamlsub {

struct Node {
    struct Entry;
    enum class Kind { Scalar, Mapping, Sequence };
    Kind kind = Kind::Scalar;
    std::string text;  // a scalar's value: quotes and escapes decoded
    bool plain = true;  // a scalar without quotes (its meaning depends on yaml.v2's resolution)
    std::vector<Entry> entries;  // a mapping's keys (plain words) and values, in file order
    std::vector<Node> items;                            // a sequence's items
};

// A key of a mapping (a plain word) and its value.
struct Node::Entry {
    std::string key;
    Node value;
};

// The document `text` holds: a node, or an empty Node optional inside when the file holds no document
// (only blank lines and comments). The outer nullopt means "not within the accepted subset".
std::optional<std::optional<Node>> parse(std::string_view text);

}  // namespace cpphelm::yamlsub
