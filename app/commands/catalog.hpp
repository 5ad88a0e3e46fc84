#pragma once

#include <string>
#include <vector>

#include "cli/model.hpp"

namespace cpphelm::app {

// One helm command as the reference defines it: texts verbatim, argument rule, aliases.
struct CatalogEntry {
    const char* path;   // "dependency build"
    const char* use;    // cobra Use
    const char* short_help;
    const char* long_help;
    std::vector<std::string> aliases;
    cli::ArgsRule args;
    bool hidden;
};

// Every built-in helm command but the root, `help` and `__complete`, parents before children.
const std::vector<CatalogEntry>& catalog();

// The generated parts of the catalog, one per command family (tools/gen_catalog.py).
const std::vector<CatalogEntry>& catalog_chart();
const std::vector<CatalogEntry>& catalog_release();
const std::vector<CatalogEntry>& catalog_tooling();
// cpphelm's own commands (catalog_cpphelm.cpp): beyond helm, opt-in by being run.
const std::vector<CatalogEntry>& catalog_cpphelm();
// Whether `path` ("unlock") is one of cpphelm's own commands rather than helm's.
bool is_cpphelm_command(const std::string& path);

}  // namespace cpphelm::app
