#include "kiosk/config_fields.hpp"

#include "core/identifier.hpp"

namespace bangvang::kiosk {

namespace {

// Config text is the technician's: kept as written, however long.
constexpr core::TextRules as_written{.max_graphemes = core::unlimited_graphemes, .single_line = false, .required = false};

}  // namespace

std::string config_text(const core::JsonFieldReader& reader, const Json& object, std::string_view key,
                        const std::string& field, bool required) {
    const Json* member = required ? &reader.require(object, key, field) : reader.find(object, key);
    return reader.text(member, field, as_written);
}

std::string config_identifier(const core::JsonFieldReader& reader, const Json& value, const std::string& field) {
    std::string text = reader.text(&value, field, as_written);
    // "id": "" names nothing a feed or a report can match: refused like a missing one.
    if (text.empty()) reader.reject(field, "is empty: it must be " + std::string(core::identifier_rule));
    if (!core::is_identifier(text)) {
        reader.reject(field, "must be " + std::string(core::identifier_rule) + ", as a feed's audience names it (got \"" +
                                 text + "\")");
    }
    return text;
}

std::string config_identifier(const core::JsonFieldReader& reader, const Json& object, std::string_view key,
                              const std::string& field) {
    return config_identifier(reader, reader.require(object, key, field), field);
}

int config_integer(const core::JsonFieldReader& reader, const Json& object, std::string_view key,
                   const std::string& field, int fallback, int low, int high) {
    return static_cast<int>(reader.integer_or(object, key, field, fallback, low, high));
}

std::filesystem::path resolve(const std::filesystem::path& base, const std::string& path) {
    std::filesystem::path candidate(path);
    return candidate.is_absolute() ? candidate : (base / candidate).lexically_normal();
}

bool is_http_url(const std::string& url) {
    return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

}  // namespace bangvang::kiosk
