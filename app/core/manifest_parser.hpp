#pragma once
// Parses and validates a feed manifest (content/FORMAT.md). No I/O: bytes in,
// Manifest or the first Problem out. Unknown fields are ignored so that older
// kiosks accept newer feeds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "model.hpp"
#include "result.hpp"

namespace bangvang::core {

inline constexpr std::size_t max_manifest_bytes = 4 * 1024 * 1024;
inline constexpr std::size_t max_items = 2000;
inline constexpr std::int64_t max_media_bytes = 32 * 1024 * 1024;

// `origin` names where the bytes came from ("feed quan-thanh-xuan", a file path)
// and prefixes every Problem::where.
Result<Manifest> parse_manifest(std::string_view json_bytes, std::string_view origin);

// Parses ONE item object with the same rules, except that referenced media are not
// checked against a media list (there is none): the store uses it to read back items
// it saved as JSON. `where` prefixes Problem::where as-is.
Result<Item> parse_item(std::string_view item_json, std::string_view where);

}  // namespace bangvang::core
