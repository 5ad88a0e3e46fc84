#include <catch2/catch.hpp>

#include "cpphelm/settings.hpp"

using namespace cpphelm;

TEST_CASE("helm paths: HELM_*_HOME wins, then XDG_*_HOME/helm, then ~/.cache/helm") {
    auto p = HelmPaths::resolve(map_env({{"HOME", "/h"}}));
    CHECK(p.cache_home == "/h/.cache/helm");
    CHECK(p.config_home == "/h/.config/helm");
    CHECK(p.data_home == "/h/.local/share/helm");
    p = HelmPaths::resolve(map_env({{"HOME", "/h"}, {"XDG_CONFIG_HOME", "/x"}, {"HELM_CACHE_HOME", "/c"}}));
    CHECK(p.cache_home == "/c");
    CHECK(p.config_home == "/x/helm");
}

TEST_CASE("settings read HELM_* like helm's cli.New") {
    auto s = GlobalSettings::from_env(map_env({{"HOME", "/h"},
                                               {"HELM_NAMESPACE", "ns"},
                                               {"HELM_MAX_HISTORY", "nope"},
                                               {"HELM_BURST_LIMIT", "7"},
                                               {"HELM_KUBEASGROUPS", ", a,b ,"},
                                               {"HELM_DEBUG", "t"},
                                               {"HELM_COLOR", "ALWAYS"},
                                               {"HELM_REPOSITORY_CONFIG", ""},
                                               {"KUBECONFIG", "/k"}}));
    CHECK(s.namespace_ == "ns");
    CHECK(s.max_history == 10);
    CHECK(s.burst_limit == 7);
    CHECK(s.kube_as_groups == std::vector<std::string>{"a", "b"});
    CHECK(s.debug);
    CHECK(s.color_mode == "always");
    CHECK(s.repository_config.empty());  // set but empty: helm's envOr keeps ""
    CHECK(s.kubeconfig.empty());         // --kubeconfig's default is always ""
    CHECK(s.registry_config == "/h/.config/helm/registry/config.json");
    CHECK(GlobalSettings::from_env(map_env({{"NO_COLOR", "1"}, {"HELM_COLOR", "always"}})).color_mode == "never");
}

TEST_CASE("env_vars lists helm's keys; KUBECONFIG only when --kubeconfig was given") {
    GlobalSettings s = GlobalSettings::from_env(map_env({{"HOME", "/h"}}));
    auto m = env_vars(s, "default", "/bin/cpphelm");
    CHECK(m.size() == 22);
    CHECK(m.at("HELM_QPS") == "0.00");
    CHECK(m.at("HELM_NAMESPACE") == "default");
    CHECK(m.count("KUBECONFIG") == 0);
    s.kubeconfig = "/k";
    CHECK(env_vars(s, "default", "x").at("KUBECONFIG") == "/k");
}

TEST_CASE("HELM_DRIVER must name a storage driver") {
    for (auto d : {"", "secret", "secrets", "configmap", "configmaps", "memory", "sql"}) CHECK_FALSE(check_driver(d));
    CHECK(*check_driver("etcd") == "unknown driver \"etcd\"");
}
