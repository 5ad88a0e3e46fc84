#include "commands/catalog.hpp"

namespace cpphelm::app {

// cpphelm's own commands: not helm's, written here by hand (the other catalog parts are generated).
const std::vector<CatalogEntry>& catalog_cpphelm() {
    static const std::vector<CatalogEntry> entries = {
        {"unlock", "unlock RELEASE_NAME", "mark a release stuck in a pending state as failed",
         R"TXT(
A release whose latest revision is pending-install, pending-upgrade or pending-rollback
blocks every further upgrade with "another operation (install/upgrade/rollback) is in
progress". That happens when the helm (or cpphelm) running the operation was killed: a
cancelled CI job, a closed laptop, an out-of-memory kill.

This command marks that revision failed, in the release record and in its storage labels,
as helm itself marks an operation it cancels. The revision deployed before stays as it is,
so a normal 'upgrade' or 'rollback' (by helm or cpphelm) proceeds afterwards.

It refuses when the latest revision is not pending, and when it has been pending for less
than --min-age (an operation may still be running). With --dry-run it only says what it
would change.

    $ cpphelm unlock my-release --namespace web
)TXT",
         {}, {cli::ArgsRule::Exact, 1}, false},
        // The helm-diff plugin built in (diff.cpp parses its words with helm-diff's own commands).
        {"diff", "diff", "Preview helm upgrade changes as a diff", "Preview helm upgrade changes as a diff", {},
         {cli::ArgsRule::Any, 0}, false},
    };
    return entries;
}

}  // namespace cpphelm::app
