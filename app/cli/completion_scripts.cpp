#include "cli/completion_scripts.hpp"

namespace cpphelm::cli {

// The scripts, one generated file per shell (app/cli/completion/, tools/gen_completion.py).
extern const char* const kCompletion_bash;
extern const char* const kCompletion_zsh;
extern const char* const kCompletion_fish;
extern const char* const kCompletion_powershell;

std::string completion_script(const std::string& shell, bool descriptions) {
    const std::pair<const char*, const char*> scripts[] = {{"bash", kCompletion_bash},
                                                           {"zsh", kCompletion_zsh},
                                                           {"fish", kCompletion_fish},
                                                           {"powershell", kCompletion_powershell}};
    for (const auto& [name, text] : scripts) {
        if (shell != name) continue;
        // \x01 marks the request command: __complete, or __completeNoDesc without descriptions.
        std::string out;
        for (const char* p = text; *p; ++p) {
            if (*p == '\x01') out += descriptions ? "__complete" : "__completeNoDesc";
            else out += *p;
        }
        return out;
    }
    return "";
}

}  // namespace cpphelm::cli
