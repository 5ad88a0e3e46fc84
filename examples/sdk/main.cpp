// sdk-example: helm's operations from a program of its own, through the cpphelm SDK.
//
//   sdk-example template RELEASE CHART [--set k=v ...]   prints what `helm template` prints
//   sdk-example list                                      NAME NAMESPACE REVISION STATUS CHART per release
//   sdk-example history RELEASE                           REVISION STATUS CHART APP_VERSION DESCRIPTION
//   sdk-example status RELEASE                            NAME NAMESPACE REVISION STATUS CHART VERSION
//
// Settings come from helm's environment (HELM_NAMESPACE, HELM_DRIVER, KUBECONFIG, …), as for helm.
#include <cpphelm/client.hpp>
#include <cpphelm/errors.hpp>
#include <cpphelm/go_backend.hpp>
#include <cpphelm/settings.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace {

int usage() {
    std::cerr << "usage: sdk-example template RELEASE CHART [--set k=v ...] | list | history RELEASE | status RELEASE\n";
    return 2;
}

int run(const std::vector<std::string>& args) {
    cpphelm::GoBackend backend;  // the defaults: the host's signals and environment stay its own
    cpphelm::Client client(backend);
    const auto settings = cpphelm::GlobalSettings::from_env(cpphelm::process_env());
    const std::string& what = args[0];

    if (what == "template" && args.size() >= 3) {
        cpphelm::TemplateRequest req;
        req.settings = settings;
        req.args = {args[1], args[2]};
        for (size_t i = 3; i < args.size(); ++i) {
            if (args[i] != "--set" || i + 1 == args.size()) return usage();
            req.values.values.push_back(args[++i]);
        }
        std::cout << client.render_template(req).stdout_bytes;
        return 0;
    }
    if (what == "list" && args.size() == 1) {
        cpphelm::ListRequest req;
        req.settings = settings;
        for (const auto& r : client.list_releases(req))
            std::cout << r.name << ' ' << r.namespace_ << ' ' << r.revision << ' ' << r.status << ' ' << r.chart << '\n';
        return 0;
    }
    if (what == "history" && args.size() == 2) {
        cpphelm::HistoryRequest req;
        req.settings = settings;
        req.release = args[1];
        for (const auto& r : client.release_history(req))
            std::cout << r.revision << ' ' << r.status << ' ' << r.chart << ' ' << r.app_version << ' ' << r.description
                      << '\n';
        return 0;
    }
    if (what == "status" && args.size() == 2) {
        cpphelm::StatusRequest req;
        req.settings = settings;
        req.release = args[1];
        auto s = client.release_status(req);
        cpphelm::GetRequest get;  // helm's status leaves the chart out; its metadata has it
        get.settings = settings;
        get.release = args[1];
        auto m = client.release_metadata(get);
        std::cout << s.name << ' ' << s.namespace_ << ' ' << s.revision << ' ' << s.status << ' ' << m.chart << ' '
                  << m.version << '\n';
        return 0;
    }
    return usage();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return usage();
    try {
        return run(args);
    } catch (const cpphelm::Error& e) {
        std::cout << e.partial_stdout();
        std::cerr << "Error: " << e.what() << '\n';
        return 1;
    }
}
