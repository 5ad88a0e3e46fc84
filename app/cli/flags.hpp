#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cli/model.hpp"

// Typed flag definitions with pflag's parsing and help defaults. Each binds straight into a request field.
namespace cpphelm::cli {

// Where parse-time warnings go (pflag deprecations, helm's slog WARN lines); main sets it to stderr.
void set_warning_sink(std::function<void(const std::string&)> sink);
void warn(const std::string& line);
// Formats a helm slog warning line: level=WARN msg="…".
std::string slog_warn(const std::string& msg);

Flag& bool_flag(Command& c, const std::string& name, char shorthand, bool& target, const std::string& usage,
                bool persistent = false);
Flag& string_flag(Command& c, const std::string& name, char shorthand, std::string& target, const std::string& usage,
                  bool persistent = false);
Flag& int_flag(Command& c, const std::string& name, char shorthand, int& target, const std::string& usage,
               bool persistent = false);
Flag& uint_flag(Command& c, const std::string& name, char shorthand, uint64_t& target, const std::string& usage);
Flag& float32_flag(Command& c, const std::string& name, char shorthand, float& target, const std::string& usage,
                   bool persistent = false);
// A Go time.Duration; the target holds Go's text form ("5m0s") and is re-parsed by the shim.
Flag& duration_flag(Command& c, const std::string& name, std::string& target, const std::string& usage);
// pflag stringSlice: every occurrence is split as CSV; the first replaces the default.
Flag& string_slice_flag(Command& c, const std::string& name, char shorthand, std::vector<std::string>& target,
                        const std::string& usage);
// pflag stringArray: every occurrence is appended verbatim.
Flag& string_array_flag(Command& c, const std::string& name, char shorthand, std::vector<std::string>& target,
                        const std::string& usage, bool persistent = false);
// pflag stringToString: k=v pairs (CSV when there are several "="); occurrences merge.
Flag& string_to_string_flag(Command& c, const std::string& name, char shorthand,
                            std::map<std::string, std::string>& target, const std::string& usage);

// Marks a flag deprecated (hidden; using it prints pflag's notice).
Flag& deprecate(Flag& f, const std::string& message);

}  // namespace cpphelm::cli
