#pragma once
// Typed access to the members of an untrusted JSON document. Every mismatch becomes a
// Problem naming where (origin, item) and the field path ("story.body[1]"), thrown as
// RejectedInput so deep validation can stop at the first fault without threading a
// Result through every helper. Only the parser entry points catch it: it never leaves
// manifest_parser.cpp's public functions.
#include <cstddef>
#include <cstdint>
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

    const nlohmann::json& object(const nlohmann::json& value, const std::string& field) const;
    const nlohmann::json& array(const nlohmann::json& value, const std::string& field, std::size_t min_count,
                                std::size_t max_count) const;

    std::string text(const nlohmann::json* value, const std::string& field, TextRules rules) const;
    // core/identifier.hpp: [a-z0-9][a-z0-9-]{0,63}
    std::string identifier(const nlohmann::json& value, const std::string& field) const;
    // 64 lowercase hex digits
    std::string sha256(const nlohmann::json& value, const std::string& field) const;
    // http:// or https:// with a host; kept byte for byte (no markup stripping: "&" is data here)
    std::string web_url(const nlohmann::json& value, const std::string& field) const;
    std::int64_t integer(const nlohmann::json& value, const std::string& field, std::int64_t min,
                         std::int64_t max) const;
    double finite_number(const nlohmann::json& value, const std::string& field) const;
    UnixSeconds instant(const nlohmann::json& value, const std::string& field) const;
    CivilDate date(const nlohmann::json& value, const std::string& field) const;
    int hour_minute(const nlohmann::json& value, const std::string& field) const;

private:
    const std::string& string(const nlohmann::json& value, const std::string& field) const;

    std::string where_;
};

}  // namespace bangvang::core
