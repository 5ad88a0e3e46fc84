#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "commands/context.hpp"

namespace cpphelm::app {

// Turns the shim's wait snapshots into what cpphelm prints on stderr: in plain mode one line per
// resource whose state changed (`[  3s] wait Deployment/web: InProgress - Available: 0/1`), in live
// mode a table redrawn in place (for a terminal). Pure text in, text out: the caller writes it.
class ProgressView {
public:
    explicit ProgressView(bool live) : m_live(live) {}

    // Text for one snapshot (the JSON of the shim's progress event); "" when it is malformed.
    std::string on_snapshot(std::string_view json);
    // Text that puts a stderr line (a log record, a warning) above the live table.
    std::string on_text(std::string_view text);

private:
    std::string clear() const;

    bool m_live;
    std::map<std::string, std::string> m_seen;  // resource -> "state\tmessage" last printed (plain)
    std::vector<std::string> m_table;            // the live table's lines as last drawn
};

// --progress auto|plain|off of install, upgrade, rollback, uninstall and test (cpphelm's own); its
// default is CPPHELM_PROGRESS, else auto.
void add_progress_flag(cli::Command& c, Context& ctx);

// While it lives, the command's waits report progress as its --progress (or CPPHELM_PROGRESS) asks:
// ctx.settings.progress is resolved ("auto" is live on a terminal, off otherwise) and the backend's
// event sink draws it; the sink is put back afterwards.
class ProgressScope {
public:
    explicit ProgressScope(Context& ctx);
    ~ProgressScope();
    ProgressScope(const ProgressScope&) = delete;
    ProgressScope& operator=(const ProgressScope&) = delete;

private:
    Context& m_ctx;
    bool m_attached = false;
};

}  // namespace cpphelm::app
