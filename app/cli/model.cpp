#include "cli/model.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>

namespace cpphelm::cli {

namespace {

std::string first_word(const std::string& use) { return use.substr(0, use.find(' ')); }

}  // namespace

Command::Command(CLI::App* app, Command* parent, std::string use, std::string short_help, std::string long_help)
    : m_app(app),
      m_parent(parent),
      m_use(std::move(use)),
      m_name(first_word(m_use)),
      m_short(std::move(short_help)),
      m_long(std::move(long_help)) {
    // Every cobra command has -h/--help; the parser handles it and CLI11 never sees it.
    Flag help;
    help.name = "help";
    help.shorthand = 'h';
    help.type = "bool";
    help.def = "false";
    help.usage = "help for " + m_name;
    help.noopt = "true";
    m_local.push_back(std::make_unique<Flag>(std::move(help)));
}

Command& Command::add(std::string use, std::string short_help, std::string long_help) {
    CLI::App* sub = m_app->add_subcommand(first_word(use), short_help);
    m_children.push_back(
        std::make_unique<Command>(sub, this, std::move(use), std::move(short_help), std::move(long_help)));
    Command& child = *m_children.back();
    sub->add_option("args", child.m_positionals, "positional arguments");
    return child;
}

Flag& Command::add_flag(Flag f, bool persistent) {
    std::string names = "--" + f.name;
    if (f.shorthand) names = std::string("-") + f.shorthand + "," + names;
    CLI::Option* opt = m_app->add_option(names)->description(f.usage);
    opt->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)->type_name(f.type);
    if (f.hidden || !f.deprecated.empty()) opt->group("");
    f.option = opt;
    auto& list = persistent ? m_persistent : m_local;
    list.push_back(std::make_unique<Flag>(std::move(f)));
    return *list.back();
}

void Command::materialise() {
    if (!m_setup) return;
    auto fn = std::move(m_setup);
    m_setup = nullptr;
    m_set_up = true;
    fn(*this);
}

std::vector<Command*> Command::sorted_children() const {
    std::vector<Command*> out;
    for (const auto& c : m_children) out.push_back(c.get());
    std::sort(out.begin(), out.end(), [](const Command* a, const Command* b) { return a->m_name < b->m_name; });
    return out;
}

bool Command::is_available() const {
    if (m_hidden || is_help_command()) return false;
    if (runnable()) return true;
    return std::any_of(m_children.begin(), m_children.end(), [](const auto& c) { return c->is_available(); });
}

Command* Command::find_child(const std::string& word) const {
    for (const auto& c : m_children) {
        if (c->name() == word) return c.get();
        if (std::find(c->aliases().begin(), c->aliases().end(), word) != c->aliases().end()) return c.get();
    }
    return nullptr;
}

std::vector<Flag*> Command::own_flags() const {
    std::vector<Flag*> out;
    for (const auto& f : m_local) out.push_back(f.get());
    for (const auto& f : m_persistent) out.push_back(f.get());
    return out;
}

std::vector<Flag*> Command::inherited_flags() const {
    std::vector<Flag*> out;
    for (const Command* p = m_parent; p; p = p->m_parent)
        for (const auto& f : p->m_persistent) out.push_back(f.get());
    return out;
}

Flag* Command::lookup(const std::string& name) const {
    for (Flag* f : own_flags())
        if (f->name == name) return f;
    for (Flag* f : inherited_flags())
        if (f->name == name) return f;
    return nullptr;
}

Flag* Command::lookup_short(char c) const {
    for (Flag* f : own_flags())
        if (f->shorthand == c) return f;
    for (Flag* f : inherited_flags())
        if (f->shorthand == c) return f;
    return nullptr;
}

std::string Command::path() const { return m_parent ? m_parent->path() + " " + m_name : m_name; }

std::string Command::use_line() const {
    std::string line = m_parent ? m_parent->path() + " " + m_use : m_use;
    // Every helm command has at least -h, so cobra always appends " [flags]".
    if (line.find("[flags]") == std::string::npos) line += " [flags]";
    return line;
}

CommandTree::CommandTree(std::string use, std::string short_help, std::string long_help)
    : m_app(std::make_unique<CLI::App>(short_help)) {
    m_app->set_help_flag();
    m_app->allow_extras(false);
    m_root =
        std::make_unique<Command>(m_app.get(), nullptr, std::move(use), std::move(short_help), std::move(long_help));
}

CommandTree::~CommandTree() = default;

void hide(Flag& f) {
    f.hidden = true;
    if (f.option) f.option->group("");
}

}  // namespace cpphelm::cli
