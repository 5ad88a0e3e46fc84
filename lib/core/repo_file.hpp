#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cpphelm {

// A repository of repositories.yaml, as far as the commands answered without Go print it.
struct RepoFileEntry {
    std::string name;
    std::string url;
};

// What helm's repo.LoadFile returns: the repositories it decoded and whether it returned an error
// (unreadable file, or a field of the wrong type: helm's repo list ignores that error, its completion
// of repository names then offers nothing).
struct RepoFileContents {
    std::vector<RepoFileEntry> repositories;
    bool load_error = false;
};

// Decodes repositories.yaml text exactly as repo.LoadFile (sigs.k8s.io/yaml into repo.File) would;
// nullopt when the text is outside what is reproduced here, so that helm's own code must decide.
std::optional<RepoFileContents> decode_repo_file(std::string_view text);

// Reads and decodes the file at `path` (an unreadable or missing file is helm's empty result with an
// error); nullopt as decode_repo_file.
std::optional<RepoFileContents> load_repo_file(const std::string& path);

}  // namespace cpphelm
