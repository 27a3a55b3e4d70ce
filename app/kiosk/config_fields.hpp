#pragma once
// The kiosk config's own words on top of core's one JSON reader (core/json_field_reader.hpp):
// its text fields are kept as written (no length cap, line breaks kept), its identifiers
// are refused naming core's one rule (core/identifier.hpp) and why it matters here, and
// its paths are relative to the config's folder. Every problem is thrown by the reader
// and caught once, in parse_kiosk_config.
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/json_field_reader.hpp"

namespace bangvang::kiosk {

using Json = nlohmann::json;

// A string member after core::clean_text; "" when it is not given and not required.
std::string config_text(const core::JsonFieldReader& reader, const Json& object, std::string_view key,
                        const std::string& field, bool required);
// An identifier a feed's audience can name: the value itself (an array element) or a required member.
std::string config_identifier(const core::JsonFieldReader& reader, const Json& value, const std::string& field);
std::string config_identifier(const core::JsonFieldReader& reader, const Json& object, std::string_view key,
                              const std::string& field);
int config_integer(const core::JsonFieldReader& reader, const Json& object, std::string_view key,
                   const std::string& field, int fallback, int low, int high);

// A path from the config, relative to the config's folder unless absolute.
std::filesystem::path resolve(const std::filesystem::path& base, const std::string& path);
bool is_http_url(const std::string& url);

}  // namespace bangvang::kiosk
