#pragma once
// The one reader for every JSON document bangvang reads (feed manifests, signature
// files, kiosk configs, themes, content sources, served manifests, reports): the bytes
// are capped, then scanned once for depth and NUL bytes, and only then parsed. So a
// file nested 100 000 deep or 2 GB long is refused with a Problem naming the file,
// never a stack overflow or an exhausted heap. Callers then read members with
// JsonFieldReader (json_field_reader.hpp). Pure: bytes in, a document or a Problem out.
#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace bangvang::core {

inline constexpr int max_json_depth = 64;  // no document of ours needs more than a few levels
inline constexpr std::size_t max_json_bytes = 4 * 1024 * 1024;

struct JsonLimits {
    std::size_t max_bytes = max_json_bytes;
    int max_depth = max_json_depth;
};

// Problem reasons start "is too large", "is not valid JSON: …" (with the depth or
// the NUL byte's offset, or nlohmann's reason with unprintable bytes escaped).
Result<nlohmann::json> read_json(std::string_view bytes, std::string_view where, JsonLimits limits = {});
// The same, keeping the members in the order they were written (staff files that are written back).
Result<nlohmann::ordered_json> read_ordered_json(std::string_view bytes, std::string_view where, JsonLimits limits = {});

}  // namespace bangvang::core
