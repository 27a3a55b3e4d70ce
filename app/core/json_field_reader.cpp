#include "core/json_field_reader.hpp"

#include <cmath>

#include "core/identifier.hpp"
#include "core/text.hpp"

namespace bangvang::core {

namespace {

bool is_sha256_hex(std::string_view text) {
    if (text.size() != 64) return false;
    for (char character : text) {
        if (!((character >= '0' && character <= '9') || (character >= 'a' && character <= 'f'))) return false;
    }
    return true;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t index = 0; index < prefix.size(); ++index) {
        char character = text[index];
        if (character >= 'A' && character <= 'Z') character = static_cast<char>(character - 'A' + 'a');
        if (character != prefix[index]) return false;
    }
    return true;
}

std::string flatten_lines(std::string text) {
    std::string flat;
    flat.reserve(text.size());
    for (char character : text) {
        if (character == '\n') character = ' ';
        if (character == ' ' && !flat.empty() && flat.back() == ' ') continue;
        flat += character;
    }
    return flat;
}

// Shows a few characters of the offending value in a reason, safely.
std::string quote(std::string_view value) {
    constexpr std::size_t shown = 40;
    std::string quoted = "\"";
    for (char character : value.substr(0, shown)) {
        const auto byte = static_cast<unsigned char>(character);
        quoted += (byte < 0x20 || byte == 0x7f || byte == '"') ? '?' : character;
    }
    if (value.size() > shown) quoted += "…";
    return quoted + "\"";
}

}  // namespace

std::string member_path(std::string_view prefix, std::string_view key) {
    if (prefix.empty()) return std::string(key);
    return std::string(prefix) + "." + std::string(key);
}

std::string element_path(std::string_view prefix, std::size_t index) {
    return std::string(prefix) + "[" + std::to_string(index) + "]";
}

std::string join_where(std::string_view origin, std::string_view location) {
    if (origin.empty()) return std::string(location);
    if (location.empty()) return std::string(origin);
    return std::string(origin) + ": " + std::string(location);
}

std::string_view json_type_name(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null: return "null";
        case nlohmann::json::value_t::object: return "an object";
        case nlohmann::json::value_t::array: return "an array";
        case nlohmann::json::value_t::string: return "a string";
        case nlohmann::json::value_t::boolean: return "a boolean";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float: return "a number";
        default: return "an unsupported value";
    }
}

void JsonFieldReader::reject(std::string field, std::string reason) const {
    throw RejectedInput{Problem{.where = where_, .field = std::move(field), .reason = std::move(reason)}};
}

const nlohmann::json* JsonFieldReader::find(const nlohmann::json& object, std::string_view key) const {
    if (!object.is_object()) return nullptr;
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) return nullptr;
    return &*found;
}

const nlohmann::json& JsonFieldReader::require(const nlohmann::json& object, std::string_view key,
                                               const std::string& field) const {
    const nlohmann::json* member = find(object, key);
    if (member == nullptr) reject(field, "is required but missing");
    return *member;
}

const nlohmann::json* JsonFieldReader::optional_object(const nlohmann::json& object, std::string_view key,
                                                      const std::string& field) const {
    const nlohmann::json* member = find(object, key);
    return member == nullptr ? nullptr : &this->object(*member, field);
}

const nlohmann::json& JsonFieldReader::object(const nlohmann::json& value, const std::string& field) const {
    if (!value.is_object()) reject(field, "must be an object, not " + std::string(json_type_name(value)));
    return value;
}

const nlohmann::json& JsonFieldReader::array(const nlohmann::json& value, const std::string& field,
                                             std::size_t min_count, std::size_t max_count) const {
    if (!value.is_array()) reject(field, "must be an array, not " + std::string(json_type_name(value)));
    if (value.size() < min_count) {
        reject(field, min_count == 1 ? "must not be empty" : "must have at least " + std::to_string(min_count) + " entries");
    }
    if (value.size() > max_count) {
        reject(field, "has " + std::to_string(value.size()) + " entries, at most " + std::to_string(max_count) +
                          " are allowed");
    }
    return value;
}

const std::string& JsonFieldReader::string(const nlohmann::json& value, const std::string& field) const {
    if (!value.is_string()) reject(field, "must be a string, not " + std::string(json_type_name(value)));
    return value.get_ref<const std::string&>();
}

std::string JsonFieldReader::text(const nlohmann::json* value, const std::string& field, TextRules rules) const {
    if (value == nullptr) {
        if (rules.required) reject(field, "is required but missing");
        return {};
    }
    Result<std::string> cleaned = clean_text(string(*value, field), where_, field);
    if (!cleaned) throw RejectedInput{cleaned.problem()};
    std::string result = rules.single_line ? flatten_lines(std::move(cleaned.value())) : std::move(cleaned.value());
    if (rules.required && result.empty()) reject(field, "must not be empty");
    const std::size_t length = grapheme_count(result);
    if (length > rules.max_graphemes) {
        reject(field, "is too long: " + std::to_string(length) + " characters, at most " +
                          std::to_string(rules.max_graphemes));
    }
    return result;
}

std::string JsonFieldReader::identifier(const nlohmann::json& value, const std::string& field) const {
    const std::string& text_value = string(value, field);
    if (!is_identifier(text_value)) {
        reject(field, quote(text_value) +
                          " is not an identifier: use 1 to 64 of a-z, 0-9 and \"-\", starting with a letter or digit");
    }
    return text_value;
}

std::string JsonFieldReader::sha256(const nlohmann::json& value, const std::string& field) const {
    const std::string& text_value = string(value, field);
    if (!is_sha256_hex(text_value)) reject(field, quote(text_value) + " is not a SHA-256 hash (64 lowercase hex digits)");
    return text_value;
}

std::string JsonFieldReader::web_url(const nlohmann::json& value, const std::string& field) const {
    constexpr std::size_t max_url_bytes = 2000;
    const std::string& url = string(value, field);
    std::size_t host_start = 0;
    if (starts_with_ignoring_case(url, "https://")) host_start = 8;
    else if (starts_with_ignoring_case(url, "http://")) host_start = 7;
    if (host_start == 0) reject(field, "must be an http or https URL");
    const std::size_t host_end = url.find_first_of("/?#", host_start);
    const std::string_view host = std::string_view(url).substr(host_start, host_end - host_start);
    if (host.empty() || host.front() == '@' || host.front() == ':') reject(field, "must be an http or https URL with a host");
    if (url.size() > max_url_bytes) reject(field, "is longer than " + std::to_string(max_url_bytes) + " bytes");
    if (!is_valid_utf8(url)) reject(field, "is not valid UTF-8");
    for (char character : url) {
        const auto byte = static_cast<unsigned char>(character);
        if (byte <= 0x20 || byte == 0x7f || character == '<' || character == '>' || character == '"') {
            reject(field, "must not contain spaces, quotes, angle brackets or control characters");
        }
    }
    return url;
}

std::int64_t JsonFieldReader::integer(const nlohmann::json& value, const std::string& field, std::int64_t min,
                                      std::int64_t max) const {
    const std::string range = "between " + std::to_string(min) + " and " + std::to_string(max);
    if (value.is_number_unsigned()) {
        const auto unsigned_value = value.get<std::uint64_t>();
        const bool below = min > 0 && unsigned_value < static_cast<std::uint64_t>(min);
        if (below || unsigned_value > static_cast<std::uint64_t>(max)) reject(field, "must be " + range);
        return static_cast<std::int64_t>(unsigned_value);
    }
    if (!value.is_number_integer()) reject(field, "must be a whole number " + range + ", not " + std::string(json_type_name(value)));
    const auto signed_value = value.get<std::int64_t>();
    if (signed_value < min || signed_value > max) reject(field, "must be " + range);
    return signed_value;
}

std::int64_t JsonFieldReader::integer_or(const nlohmann::json& object, std::string_view key, const std::string& field,
                                         std::int64_t fallback, std::int64_t min, std::int64_t max) const {
    const nlohmann::json* member = find(object, key);
    return member == nullptr ? fallback : integer(*member, field, min, max);
}

bool JsonFieldReader::boolean(const nlohmann::json& value, const std::string& field) const {
    if (!value.is_boolean()) reject(field, "must be true or false, not " + std::string(json_type_name(value)));
    return value.get<bool>();
}

bool JsonFieldReader::boolean_or(const nlohmann::json& object, std::string_view key, const std::string& field,
                                 bool fallback) const {
    const nlohmann::json* member = find(object, key);
    return member == nullptr ? fallback : boolean(*member, field);
}

double JsonFieldReader::finite_number(const nlohmann::json& value, const std::string& field) const {
    if (!value.is_number()) reject(field, "must be a number, not " + std::string(json_type_name(value)));
    const double number = value.get<double>();
    if (!std::isfinite(number)) reject(field, "must be a finite number");
    return number;
}

UnixSeconds JsonFieldReader::instant(const nlohmann::json& value, const std::string& field) const {
    Result<UnixSeconds> parsed = parse_rfc3339(string(value, field));
    if (!parsed) reject(field, parsed.problem().reason);
    return *parsed;
}

CivilDate JsonFieldReader::date(const nlohmann::json& value, const std::string& field) const {
    Result<CivilDate> parsed = parse_iso_date(string(value, field));
    if (!parsed) reject(field, parsed.problem().reason);
    return *parsed;
}

int JsonFieldReader::hour_minute(const nlohmann::json& value, const std::string& field) const {
    Result<int> parsed = parse_hour_minute(string(value, field));
    if (!parsed) reject(field, parsed.problem().reason);
    return *parsed;
}

}  // namespace bangvang::core
