// libFuzzer target for the C++ readers of files helm's code would otherwise read: repositories.yaml
// (the strict YAML subset and repo.LoadFile's decoding) and the Go-compatible scalar writers applied to
// whatever strings it yields. Any exception and any sanitizer report is a bug; so is a string the
// writers accept that is not valid UTF-8 in their output.
#include <cstddef>
#include <cstdint>
#include <string>

#include "gotext/goyaml.hpp"
#include "core/repo_file.hpp"
#include "core/yaml_subset.hpp"

using namespace cpphelm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    (void)yamlsub::parse(text);
    (void)goyaml::resolve_plain(text);
    (void)goyaml::strict_rfc3339(text);
    if (auto f = decode_repo_file(text)) {
        for (const auto& r : f->repositories) {
            for (const std::string* s : {&r.name, &r.url}) {
                if (!goyaml::valid_utf8(goyaml::json_string(*s))) __builtin_trap();
                if (auto y = goyaml::block_value(*s, 8); y && !goyaml::valid_utf8(*y)) __builtin_trap();
            }
        }
    }
    if (auto y = goyaml::block_value(text, 7); y && !goyaml::valid_utf8(*y)) __builtin_trap();
    return 0;
}
