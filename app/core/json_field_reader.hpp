#pragma once
// The one way bangvang reads the members of a JSON document it did not write itself
// (feed manifests, reports, kiosk and portal configs, themes, the portal's registry,
// signature files). The contract, the same for every reader:
//  - the document was parsed by read_json (bounded_json.hpp: byte cap, depth limit);
//  - a member that is absent or null is "not given": an optional field yields the
//    caller's default, a required one is a problem ("is required but missing");
//  - a member of the wrong type or out of range is a problem; there is no fallback;
//  - a problem names where (the file, and the item within it) and the JSON path of the
//    field ("story.body[1]", "sources[2].keys[0]"), and is thrown as RejectedInput, so
//    that the first fault stops the read without threading a Result through every
//    helper; the parser's public entry point catches it with read_fields() and hands its
//    caller a Result<T>: RejectedInput never leaves a parse_* function.
// The reasons below are the defaults; a reader with its own words (the portal speaks
// Vietnamese, the kiosk names the identifier rule) rejects through reject() itself.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "clock_time.hpp"
#include "result.hpp"

namespace bangvang::core {

struct RejectedInput {
    Problem problem;
};

// Runs read (a callable returning T that may throw RejectedInput) and returns its value,
// or the problem it was rejected with: the one place a parse_* function turns the
// reader's exception into the Result its callers get.
template <typename Read>
auto read_fields(Read&& read) -> Result<decltype(read())> {
    try {
        return read();
    } catch (const RejectedInput& rejected) {
        return rejected.problem;
    }
}

inline constexpr std::size_t unlimited_graphemes = std::numeric_limits<std::size_t>::max();

struct TextRules {
    std::size_t max_graphemes = 200;
    bool single_line = true;   // line breaks become spaces (names, titles)
    bool required = false;     // absent, null or empty after cleaning is an error
};

// "story" + "name" -> "story.name"; "" + "id" -> "id"
std::string member_path(std::string_view prefix, std::string_view key);
// "story.body" + 1 -> "story.body[1]"
std::string element_path(std::string_view prefix, std::size_t index);
// "feed x" + "items[3]" -> "feed x: items[3]"
std::string join_where(std::string_view origin, std::string_view location);

std::string_view json_type_name(const nlohmann::json& value);

class JsonFieldReader {
public:
    explicit JsonFieldReader(std::string where) : where_(std::move(where)) {}

    const std::string& where() const { return where_; }
    void set_where(std::string where) { where_ = std::move(where); }

    [[noreturn]] void reject(std::string field, std::string reason) const;

    // The member, or nullptr when it is absent or null (null means "not given").
    const nlohmann::json* find(const nlohmann::json& object, std::string_view key) const;
    const nlohmann::json& require(const nlohmann::json& object, std::string_view key, const std::string& field) const;

    // The member when it is an object, nullptr when it is not given.
    const nlohmann::json* optional_object(const nlohmann::json& object, std::string_view key,
                                          const std::string& field) const;
    const nlohmann::json& object(const nlohmann::json& value, const std::string& field) const;
    const nlohmann::json& array(const nlohmann::json& value, const std::string& field, std::size_t min_count,
                                std::size_t max_count) const;

    const std::string& string(const nlohmann::json& value, const std::string& field) const;
    std::string text(const nlohmann::json* value, const std::string& field, TextRules rules) const;
    // core/identifier.hpp: [a-z0-9][a-z0-9-]{0,63}
    std::string identifier(const nlohmann::json& value, const std::string& field) const;
    // 64 lowercase hex digits
    std::string sha256(const nlohmann::json& value, const std::string& field) const;
    // http:// or https:// with a host; kept byte for byte (no markup stripping: "&" is data here)
    std::string web_url(const nlohmann::json& value, const std::string& field) const;
    std::int64_t integer(const nlohmann::json& value, const std::string& field, std::int64_t min,
                         std::int64_t max) const;
    // The member, or fallback when it is not given.
    std::int64_t integer_or(const nlohmann::json& object, std::string_view key, const std::string& field,
                            std::int64_t fallback, std::int64_t min, std::int64_t max) const;
    bool boolean(const nlohmann::json& value, const std::string& field) const;
    bool boolean_or(const nlohmann::json& object, std::string_view key, const std::string& field, bool fallback) const;
    double finite_number(const nlohmann::json& value, const std::string& field) const;
    UnixSeconds instant(const nlohmann::json& value, const std::string& field) const;
    CivilDate date(const nlohmann::json& value, const std::string& field) const;
    int hour_minute(const nlohmann::json& value, const std::string& field) const;

private:
    std::string where_;
};

}  // namespace bangvang::core
