#pragma once
// How the kiosk's config file is read (kiosk_config.hpp): member by member, the first
// problem kept with its field, so each section's reader is a list of fields rather
// than a ladder of ifs. Identifiers follow core's one rule (core/identifier.hpp).
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/identifier.hpp"
#include "core/result.hpp"
#include "core/text.hpp"

namespace bangvang::kiosk {

using Json = nlohmann::json;

// Reads the config's members one by one, remembering the first problem, so that
// the parse below reads as a list of fields rather than a ladder of ifs.
class ConfigReader {
public:
    explicit ConfigReader(std::string origin) : origin_(std::move(origin)) {}

    bool failed() const { return problem_.has_value(); }
    core::Problem problem() const { return *problem_; }

    void fail(std::string field, std::string reason) {
        if (!problem_) problem_ = core::Problem{origin_, std::move(field), std::move(reason)};
    }

    std::string text(const Json& object, const std::string& key, const std::string& field, bool required) {
        auto found = object.find(key);
        if (found == object.end()) {
            if (required) fail(field, "is missing");
            return {};
        }
        if (!found->is_string()) {
            fail(field, "must be a string");
            return {};
        }
        auto cleaned = core::clean_text(found->get_ref<const std::string&>(), origin_, field);
        if (!cleaned) {
            fail(field, cleaned.problem().reason);
            return {};
        }
        return *cleaned;
    }

    std::string identifier(const Json& object, const std::string& key, const std::string& field, bool required) {
        std::string value = text(object, key, field, required);
        // "id": "" names nothing a feed or a report can match: refused like a missing one
        // (when it is missing, the first problem, "is missing", is the one kept).
        if (required && value.empty()) fail(field, "is empty: it must be " + std::string(core::identifier_rule));
        if (!value.empty() && !core::is_identifier(value)) {
            fail(field, "must be " + std::string(core::identifier_rule) + ", as a feed's audience names it (got \"" +
                            value + "\")");
        }
        return value;
    }

    int integer(const Json& object, const std::string& key, const std::string& field, int fallback, int low,
                int high) {
        auto found = object.find(key);
        if (found == object.end()) return fallback;
        if (!found->is_number_integer()) {
            fail(field, "must be a whole number");
            return fallback;
        }
        auto value = found->get<long long>();
        if (value < low || value > high) {
            fail(field, "must be between " + std::to_string(low) + " and " + std::to_string(high));
            return fallback;
        }
        return static_cast<int>(value);
    }

private:
    std::string origin_;
    std::optional<core::Problem> problem_;
};

// A path from the config, relative to the config's folder unless absolute.
std::filesystem::path resolve(const std::filesystem::path& base, const std::string& path);
bool is_http_url(const std::string& url);

}  // namespace bangvang::kiosk
