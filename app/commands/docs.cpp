#include <algorithm>

#include "cli/completion_scripts.hpp"
#include "cli/flags.hpp"
#include "cli/help.hpp"
#include "commands/context.hpp"
#include "gotext/goparse.hpp"
#include "cpphelm/client.hpp"
#include "cpphelm/errors.hpp"
#include "cpphelm/requests.hpp"

namespace cpphelm::app {

namespace {

// A command path with its spaces replaced, as cobra/doc names files and references.
std::string replace_all(std::string s, char from, char to) {
    std::replace(s.begin(), s.end(), from, to);
    return s;
}

// cobra's Commands(), sorted by name, keeping the available ones.
std::vector<const cli::Command*> available_children(const cli::Command& c) {
    std::vector<const cli::Command*> out;
    for (const cli::Command* ch : c.sorted_children())
        if (ch->is_available()) out.push_back(ch);
    return out;
}

bool any_visible(const std::vector<cli::Flag*>& flags) {
    return std::any_of(flags.begin(), flags.end(), [](const cli::Flag* f) { return !f->hidden; });
}

// cobra/doc's hasSeeAlso.
bool has_see_also(const cli::Command& c) { return c.parent() || !available_children(c).empty(); }

// cobra/doc's GenMarkdownCustom, without the "Auto generated" line (the shim adds it with the date).
std::string markdown_page(const cli::Command& c) {
    const std::string name = c.path();
    std::string b = "## " + name + "\n\n" + c.short_help() + "\n\n";
    if (!c.long_help().empty()) b += "### Synopsis\n\n" + c.long_help() + "\n\n";
    if (c.runnable()) b += "```\n" + c.use_line() + "\n```\n\n";
    if (auto own = c.own_flags(); any_visible(own))
        b += "### Options\n\n```\n" + cli::flag_usages(own) + "```\n\n";
    if (auto inherited = c.inherited_flags(); any_visible(inherited))
        b += "### Options inherited from parent commands\n\n```\n" + cli::flag_usages(inherited) + "```\n\n";
    if (has_see_also(c)) {
        b += "### SEE ALSO\n\n";
        auto entry = [&b](const std::string& path, const std::string& short_help) {
            b += "* [" + path + "](" + replace_all(path + ".md", ' ', '_') + ")\t - " + short_help + "\n";
        };
        if (c.parent()) entry(c.parent()->path(), c.parent()->short_help());
        for (const cli::Command* ch : available_children(c)) entry(name + " " + ch->name(), ch->short_help());
        b += "\n";
    }
    return b;
}

// cobra/doc's manPrintFlags: every visible flag, sorted, with its default and usage.
std::string man_flags(std::vector<cli::Flag*> flags) {
    std::sort(flags.begin(), flags.end(), [](auto* a, auto* b) { return a->name < b->name; });
    std::string b;
    for (const cli::Flag* f : flags) {
        if (f->hidden) continue;
        b += f->shorthand ? std::string("**-") + f->shorthand + "**, **--" + f->name + "**" : "**--" + f->name + "**";
        if (!f->noopt.empty()) b += "[";
        b += "=" + (f->type == "string" ? goparse::quote(f->def) : f->def);
        if (!f->noopt.empty()) b += "]";
        b += "\n\t" + f->usage + "\n\n";
    }
    return b;
}

// cobra/doc's genMan, without the title line and the HISTORY section (the shim adds both with the date).
std::string man_page(const cli::Command& c, const std::string& section) {
    const std::string dashed = replace_all(c.path(), ' ', '-');
    std::string b = "# NAME\n" + dashed + " \\- " + c.short_help() + "\n\n";
    b += "# SYNOPSIS\n**" + c.use_line() + "**\n\n";
    b += "# DESCRIPTION\n" + (c.long_help().empty() ? c.short_help() : c.long_help()) + "\n\n";
    if (auto own = c.own_flags(); any_visible(own)) b += "# OPTIONS\n" + man_flags(own) + "\n";
    if (auto inherited = c.inherited_flags(); any_visible(inherited))
        b += "# OPTIONS INHERITED FROM PARENT COMMANDS\n" + man_flags(inherited) + "\n";
    if (has_see_also(c)) {
        std::vector<std::string> refs;
        if (c.parent()) refs.push_back("**" + replace_all(c.parent()->path(), ' ', '-') + "(" + section + ")**");
        for (const cli::Command* ch : available_children(c))
            refs.push_back("**" + dashed + "-" + ch->name() + "(" + section + ")**");
        b += "# SEE ALSO\n";
        for (size_t i = 0; i < refs.size(); ++i) b += (i ? ", " : "") + refs[i];
        b += "\n";
    }
    return b;
}

// The title cobra/doc's callers in helm give a markdown page with --generate-headers: the file's base
// name with "_" as spaces, each word's first letter upper-cased (cases.Title with NoLower).
std::string markdown_header(const std::string& basename) {
    std::string title = basename.substr(0, basename.rfind('.'));
    bool start = true;
    for (char& ch : title) {
        if (ch == '_') ch = ' ';
        if (start && ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
        start = ch == ' ';
    }
    return "---\ntitle: " + goparse::quote(title) + "\n---\n\n";
}

// Every available command below and including `c`, children before their parent (cobra/doc's order).
void collect(cli::Command& c, std::vector<cli::Command*>& out) {
    c.materialise();
    for (cli::Command* ch : c.sorted_children()) {
        ch->materialise();
        if (ch->is_available()) collect(*ch, out);
    }
    out.push_back(&c);
}

}  // namespace

// The hidden `docs` command: markdown or man pages or cobra's legacy bash completion script for the
// whole command tree, from the one command/flag model, as helm's docs command writes them with cobra.
void setup_docs(cli::Command& c, Context& ctx) {
    auto req = ctx.make_request<DocsRequest>();
    cli::string_flag(c, "dir", 0, req->dir, "directory to which documentation is written");
    cli::string_flag(c, "type", 0, req->type, "the type of documentation to generate (markdown, man, bash)")
        .complete_value = [](const std::vector<std::string>&, const std::vector<std::string>&, const std::string&,
                             std::vector<std::string>& lines, int& directive) {
        lines = {"bash", "man", "markdown"};  // all three whatever was typed: the shell filters
        directive = 4;                        // NoFileComp
    };
    cli::bool_flag(c, "generate-headers", 0, req->generate_headers, "generate standard headers for markdown files");
    c.run([req, &c, &ctx](const cli::Invocation&) {
        cli::Command* root = &c;
        while (root->parent()) root = root->parent();
        add_plugin_commands(*root, ctx);  // CLI plugins are commands of helm's too
        DocsWriteRequest w;
        w.dir = req->dir;
        const std::string& type = req->type;
        std::vector<cli::Command*> commands;
        collect(*root, commands);
        if (type == "markdown" || type == "mdown" || type == "md") {
            w.kind = "markdown";
            for (cli::Command* cmd : commands) {
                std::string name = replace_all(cmd->path(), ' ', '_') + ".md";
                w.pages.push_back({name, (req->generate_headers ? markdown_header(name) : "") + markdown_page(*cmd)});
            }
        } else if (type == "man") {
            w.kind = "man";
            w.man_title = "HELM";
            w.man_section = "1";
            for (cli::Command* cmd : commands)
                w.pages.push_back({replace_all(cmd->path(), ' ', '-') + ".1", man_page(*cmd, w.man_section)});
        } else if (type == "bash") {
            w.kind = "bash";
            w.pages.push_back({"completions.bash", cli::legacy_bash_completion(*root)});
        } else {
            throw Error(ErrorKind::Failed, "unknown doc type " + goparse::quote(type) + ". Try 'markdown' or 'man'");
        }
        Client(ctx.backend()).write_docs(w);
    });
}

}  // namespace cpphelm::app
