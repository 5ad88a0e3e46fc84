#include "cpphelm/errors.hpp"
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <fstream>
#include <filesystem>
#include "cli/flags.hpp"
#include "commands/context.hpp"
#include "commands/shared_flags.hpp"
#include "cpphelm/client.hpp"

#include <memory>
#include <ostream>

namespace cpphelm::app {

// `registry login [host]`; extra arguments are ignored, as helm ignores them.
void setup_registry_login(cli::Command& c, Context& ctx) {
    auto req = std::make_shared<RegistryLoginRequest>();
    DownloadOptions& d = req->download;
    cli::string_flag(c, "username", 'u', d.username, "registry username");
    cli::string_flag(c, "password", 'p', d.password, "registry password or identity token");
    cli::bool_flag(c, "password-stdin", 0, req->password_stdin, "read password or identity token from stdin");
    cli::bool_flag(c, "insecure", 0, d.insecure_skip_tls_verify, "allow connections to TLS registry without certs");
    add_registry_tls_flags(c, d, "chart upload");
    c.run([req, &ctx](const cli::Invocation& inv) {
        req->settings = ctx.settings;
        req->host = inv.args.at(0);
        *ctx.out << Client(ctx.backend()).registry_login(*req).stdout_bytes;
    });
}

// `registry logout [host]` (no flags of its own).
void setup_registry_logout(cli::Command& c, Context& ctx) {
    c.run([&ctx](const cli::Invocation& inv) {
        RegistryLogoutRequest req{ctx.settings, inv.args.at(0)};
        *ctx.out << Client(ctx.backend()).registry_logout(req).stdout_bytes;
    });
}

}  // namespace cpphelm::app

namespace cpphelm::app {

namespace {

// Whether oras' credentials file loader surely accepts `text` (helm's start-up check): blank, or a
// JSON object whose credsStore is a string, credHelpers an object of strings and auths an object.
bool surely_valid_registry_config(const std::string& text) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return true;
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return false;
    auto is = [&j](const char* key, auto pred) { return !j.contains(key) || j[key].is_null() || pred(j[key]); };
    return is("credsStore", [](const nlohmann::json& v) { return v.is_string(); }) &&
           is("auths", [](const nlohmann::json& v) { return v.is_object(); }) &&
           is("credHelpers", [](const nlohmann::json& v) {
               if (!v.is_object()) return false;
               for (const auto& [k, x] : v.items())
                   if (!x.is_string() && !x.is_null()) return false;
               return true;
           });
}

}  // namespace

std::optional<std::string> registry_config_error(Context& ctx, const std::string& path) {
    std::error_code ec;
    auto st = std::filesystem::status(path, ec);
    if (st.type() == std::filesystem::file_type::not_found && ec == std::errc::no_such_file_or_directory) return {};
    if (!ec && st.type() == std::filesystem::file_type::regular) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (in && surely_valid_registry_config(text.str())) return {};
    }
    try {  // anything else: helm's own loader decides, with its own words
        Client(ctx.backend()).check_registry_config({path});
    } catch (const Error& e) {
        return std::string(e.what());
    }
    return {};
}

}  // namespace cpphelm::app
