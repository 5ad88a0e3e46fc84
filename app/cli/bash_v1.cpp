#include <algorithm>

#include "cli/completion_scripts.hpp"
#include "cli/model.hpp"
#include "gotext/goparse.hpp"

namespace cpphelm::cli {

// The generated head and tail of the script (app/cli/completion/bash_v1.cpp).
extern const char* const kBashV1Head;
extern const char* const kBashV1Tail;

namespace {

const char* const kGoCustom = "__helm_handle_go_custom_completion";

std::string q(const std::string& s) { return goparse::quote(s); }

// cobra's Commands() (sorted by name) that the script covers: the available ones and the root's help.
std::vector<const Command*> covered_children(const Command& c) {
    std::vector<const Command*> out;
    for (const Command* ch : c.sorted_children())
        if (ch->is_available() || ch->is_help_command()) out.push_back(ch);
    return out;
}

std::vector<Flag*> sorted(std::vector<Flag*> flags) {
    std::sort(flags.begin(), flags.end(), [](auto* a, auto* b) { return a->name < b->name; });
    flags.erase(std::remove_if(flags.begin(), flags.end(), [](auto* f) { return f->hidden || !f->deprecated.empty(); }),
                flags.end());
    return flags;
}

void write_handler(std::string& b, const Flag& f, const std::string& name) {
    if (!f.completion_registered && !f.complete_value) return;
    b += "    flags_with_completion+=(" + q(name) + ")\n";
    b += "    flags_completion+=(" + q(kGoCustom) + ")\n";
}

// cobra's writeFlag and writeShortFlag.
void write_flag(std::string& b, const Flag& f) {
    bool takes_value = f.noopt.empty();
    b += "    flags+=(\"--" + f.name + (takes_value ? "=" : "") + "\")\n";
    if (takes_value) b += "    two_word_flags+=(\"--" + f.name + "\")\n";
    write_handler(b, f, "--" + f.name);
    if (!f.shorthand) return;
    b += std::string("    ") + (takes_value ? "two_word_" : "") + "flags+=(\"-" + f.shorthand + "\")\n";
    write_handler(b, f, std::string("-") + f.shorthand);
}

void gen(std::string& b, const Command& c) {
    for (const Command* ch : covered_children(c)) gen(b, *ch);
    std::string name = c.path();
    std::replace(name.begin(), name.end(), ' ', '_');
    b += c.parent() ? "_" + name + "()\n{\n" : "_" + name + "_root_command()\n{\n";
    b += "    last_command=" + q(name) + "\n\n";
    b += "    command_aliases=()\n\n";
    b += "    commands=()\n";
    for (const Command* ch : covered_children(c)) {
        b += "    commands+=(" + q(ch->name()) + ")\n";
        if (ch->aliases().empty()) continue;
        std::vector<std::string> aliases = ch->aliases();
        std::sort(aliases.begin(), aliases.end());
        b += "    if [[ -z \"${BASH_VERSION:-}\" || \"${BASH_VERSINFO[0]:-}\" -gt 3 ]]; then\n";
        for (const auto& a : aliases) {
            b += "        command_aliases+=(" + q(a) + ")\n";
            b += "        aliashash[" + q(a) + "]=" + q(ch->name()) + "\n";
        }
        b += "    fi\n";
    }
    b += "\n";
    b += "    flags=()\n    two_word_flags=()\n    local_nonpersistent_flags=()\n    flags_with_completion=()\n"
         "    flags_completion=()\n\n";
    if (c.flag_parsing_disabled()) b += "    flag_parsing_disabled=1\n";
    // cobra adds -h/--help to a command only when it runs (or shows help), so the script has none.
    auto without_help = [](std::vector<Flag*> v) {
        v.erase(std::remove_if(v.begin(), v.end(), [](auto* f) { return f->name == "help"; }), v.end());
        return v;
    };
    const auto& local = c.local_flags();
    for (Flag* f : sorted(without_help(c.own_flags()))) {
        write_flag(b, *f);
        bool nonpersistent = std::any_of(local.begin(), local.end(), [f](const auto& l) { return l.get() == f; });
        if (!nonpersistent) continue;
        b += "    local_nonpersistent_flags+=(\"--" + f->name + "\")\n";
        if (f->noopt.empty()) b += "    local_nonpersistent_flags+=(\"--" + f->name + "=\")\n";
        if (f->shorthand) b += std::string("    local_nonpersistent_flags+=(\"-") + f->shorthand + "\")\n";
    }
    for (Flag* f : sorted(without_help(c.inherited_flags()))) write_flag(b, *f);
    b += "\n";
    b += "    must_have_one_flag=()\n";
    b += "    must_have_one_noun=()\n";
    if (c.has_args_function() || c.is_help_command()) b += "    has_completion_function=1\n";
    b += "    noun_aliases=()\n";
    b += "}\n\n";
}

}  // namespace

std::string legacy_bash_completion(const Command& root) {
    std::string b = kBashV1Head;
    gen(b, root);
    return b + kBashV1Tail;
}

}  // namespace cpphelm::cli
