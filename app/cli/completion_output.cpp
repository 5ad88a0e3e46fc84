#include <string>

#include "cli/completion_scripts.hpp"

namespace cpphelm::cli {

std::string completion_output(const std::string& shell, bool descriptions, const std::string& argv0) {
    std::string out = completion_script(shell, descriptions);
    std::string binary = argv0.substr(argv0.rfind('/') == std::string::npos ? 0 : argv0.rfind('/') + 1);
    const std::string hook_head =
        "\n# Hook the command used to generate the completion script\n"
        "# to the helm completion function to handle the case where\n"
        "# the user renamed the helm binary\n";
    if (binary != "helm") {
        if (shell == "bash")
            out += hook_head + "if [[ $(type -t compopt) = \"builtin\" ]]; then\n    complete -o default -F __start_helm " +
                   binary + "\nelse\n    complete -o default -o nospace -F __start_helm " + binary + "\nfi\n";
        else if (shell == "zsh")
            out += hook_head + "compdef _helm " + binary + "\n";
    }
    if (shell == "zsh") out += "compdef _helm helm";
    return out;
}

}  // namespace cpphelm::cli
