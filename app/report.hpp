#pragma once

#include <exception>
#include <iosfwd>
#include <string>
#include <vector>

namespace cpphelm::app {

// How the error sink writes: helm's text (the default) or one JSON object (CPPHELM_ERROR_FORMAT=json).
struct ReportStyle {
    bool json = false;
    std::string program = "cpphelm";        // the name hints tell the user to run
    std::vector<std::string> scope_flags;   // --kube-context/--kubeconfig given, repeated in hints
};

// The single error sink: prints what helm prints for the exception (partial stdout, then
// "Error: <message>" on err), then cpphelm's additions (the unlock hint for a release left pending,
// the resources that were not ready), and returns the process exit code. In JSON style the error is
// one line, {"error": {"message", "kind", "exit_code", and the details}}, and nothing else is added.
int report(std::exception_ptr e, std::ostream& out, std::ostream& err, const ReportStyle& style = {});

// The JSON error line for a failure that is not an exception (helm's early log.Fatal paths).
std::string json_error_line(const std::string& message, const std::string& kind, int exit_code);

}  // namespace cpphelm::app
