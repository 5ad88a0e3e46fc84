#include "cli/flags.hpp"

#include <iostream>
#include <stdexcept>

#include "gotext/goparse.hpp"

namespace cpphelm::cli {

namespace gp = cpphelm::goparse;

namespace {

std::function<void(const std::string&)>& sink() {
    static std::function<void(const std::string&)> s = [](const std::string& line) { std::cerr << line << "\n"; };
    return s;
}

Flag make(const std::string& name, char shorthand, const std::string& type, const std::string& def,
          const std::string& usage) {
    Flag f;
    f.name = name;
    f.shorthand = shorthand;
    f.type = type;
    f.def = def;
    f.usage = usage;
    return f;
}

std::vector<std::string> one(const std::string& v) { return {v}; }

// pflag's String() of a string slice: "[a,b]" (CSV-quoted where needed).
std::string slice_repr(const std::vector<std::string>& v) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + v[i];
    return out + "]";
}

}  // namespace

void set_warning_sink(std::function<void(const std::string&)> s) { sink() = std::move(s); }

void warn(const std::string& line) { sink()(line); }

std::string slog_warn(const std::string& msg) { return "level=WARN msg=" + gp::quote(msg); }

Flag& bool_flag(Command& c, const std::string& name, char shorthand, bool& target, const std::string& usage,
                bool persistent) {
    Flag f = make(name, shorthand, "bool", target ? "true" : "false", usage);
    f.noopt = "true";
    f.normalise = [](const std::string& v, bool) {
        auto b = gp::parse_bool(v);
        if (!b) throw std::invalid_argument("strconv.ParseBool: parsing " + gp::quote(v) + ": invalid syntax");
        return one(*b ? "true" : "false");
    };
    f.apply = [&target](const std::vector<std::string>& v) { target = v.back() == "true"; };
    return c.add_flag(std::move(f), persistent);
}

Flag& string_flag(Command& c, const std::string& name, char shorthand, std::string& target, const std::string& usage,
                  bool persistent) {
    Flag f = make(name, shorthand, "string", target, usage);
    f.normalise = [](const std::string& v, bool) { return one(v); };
    f.apply = [&target](const std::vector<std::string>& v) { target = v.back(); };
    return c.add_flag(std::move(f), persistent);
}

Flag& int_flag(Command& c, const std::string& name, char shorthand, int& target, const std::string& usage,
               bool persistent) {
    Flag f = make(name, shorthand, "int", std::to_string(target), usage);
    f.normalise = [](const std::string& v, bool) {
        auto r = gp::parse_int(v, 64);
        if (!r.value) throw std::invalid_argument(r.error);
        return one(std::to_string(*r.value));
    };
    f.apply = [&target](const std::vector<std::string>& v) { target = std::stoi(v.back()); };
    return c.add_flag(std::move(f), persistent);
}

Flag& uint_flag(Command& c, const std::string& name, char shorthand, uint64_t& target, const std::string& usage) {
    Flag f = make(name, shorthand, "uint", std::to_string(target), usage);
    f.normalise = [](const std::string& v, bool) {
        auto r = gp::parse_uint(v);
        if (!r.value) throw std::invalid_argument(r.error);
        return one(std::to_string(*r.value));
    };
    f.apply = [&target](const std::vector<std::string>& v) { target = std::stoull(v.back()); };
    return c.add_flag(std::move(f), false);
}

Flag& float32_flag(Command& c, const std::string& name, char shorthand, float& target, const std::string& usage,
                   bool persistent) {
    Flag f = make(name, shorthand, "float32", target == 0 ? "0" : std::to_string(target), usage);
    f.normalise = [](const std::string& v, bool) {
        if (!gp::parse_float(v))
            throw std::invalid_argument("strconv.ParseFloat: parsing " + gp::quote(v) + ": invalid syntax");
        return one(v);
    };
    f.apply = [&target](const std::vector<std::string>& v) { target = std::stof(v.back()); };
    return c.add_flag(std::move(f), persistent);
}

Flag& duration_flag(Command& c, const std::string& name, std::string& target, const std::string& usage) {
    Flag f = make(name, 0, "duration", target, usage);
    f.normalise = [](const std::string& v, bool) {
        auto r = gp::parse_duration(v);
        if (!r.value) throw std::invalid_argument(r.error);
        return one(gp::format_duration(*r.value));
    };
    f.apply = [&target](const std::vector<std::string>& v) { target = v.back(); };
    return c.add_flag(std::move(f), false);
}

Flag& string_slice_flag(Command& c, const std::string& name, char shorthand, std::vector<std::string>& target,
                        const std::string& usage) {
    Flag f = make(name, shorthand, "stringSlice", slice_repr(target), usage);
    f.normalise = [](const std::string& v, bool) {
        if (v.empty()) return std::vector<std::string>{};
        auto r = gp::read_csv_record(v);
        if (!r.value) throw std::invalid_argument(r.error);
        return *r.value;
    };
    f.apply = [&target](const std::vector<std::string>& v) { target = v; };
    return c.add_flag(std::move(f), false);
}

Flag& string_array_flag(Command& c, const std::string& name, char shorthand, std::vector<std::string>& target,
                        const std::string& usage, bool persistent) {
    Flag f = make(name, shorthand, "stringArray", slice_repr(target), usage);
    f.normalise = [](const std::string& v, bool) { return one(v); };
    f.apply = [&target](const std::vector<std::string>& v) { target = v; };
    return c.add_flag(std::move(f), persistent);
}

Flag& string_to_string_flag(Command& c, const std::string& name, char shorthand,
                            std::map<std::string, std::string>& target, const std::string& usage) {
    Flag f = make(name, shorthand, "stringToString", "[]", usage);
    f.normalise = [](const std::string& v, bool) {
        std::vector<std::string> items;
        auto eq = std::count(v.begin(), v.end(), '=');
        if (eq == 0) throw std::invalid_argument(v + " must be formatted as key=value");
        if (eq == 1) {
            std::string t = v;
            while (!t.empty() && t.front() == '"') t.erase(t.begin());
            while (!t.empty() && t.back() == '"') t.pop_back();
            items.push_back(t);
        } else {
            auto r = gp::read_csv_record(v);
            if (!r.value) throw std::invalid_argument(r.error);
            items = *r.value;
        }
        for (const auto& it : items)
            if (it.find('=') == std::string::npos) throw std::invalid_argument(it + " must be formatted as key=value");
        return items;
    };
    f.apply = [&target](const std::vector<std::string>& v) {
        target.clear();
        for (const auto& it : v) {
            auto eq = it.find('=');
            target[it.substr(0, eq)] = it.substr(eq + 1);
        }
    };
    return c.add_flag(std::move(f), false);
}

Flag& deprecate(Flag& f, const std::string& message) {
    f.deprecated = message;
    hide(f);
    return f;
}

}  // namespace cpphelm::cli
