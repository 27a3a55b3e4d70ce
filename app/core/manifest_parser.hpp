#pragma once
// Parses and validates a feed manifest (content/FORMAT.md). No I/O: bytes in,
// Manifest or the first Problem out. Unknown fields are ignored so that older
// kiosks accept newer feeds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bounded_json.hpp"  // max_json_depth: deeper JSON is refused before nlohmann sees it
#include "model.hpp"
#include "result.hpp"

namespace bangvang::core {

inline constexpr std::size_t max_manifest_bytes = 4 * 1024 * 1024;
inline constexpr std::size_t max_items = 2000;
inline constexpr std::int64_t max_media_bytes = 32 * 1024 * 1024;
inline constexpr std::size_t max_media_files = 4000;
inline constexpr std::size_t max_next_keys = 8;
inline constexpr std::size_t max_renditions = 8;   // per media entry
inline constexpr std::size_t max_media_boxes = 16;  // screen shapes measured, per media entry
inline constexpr int max_image_side = 16384;

// Text limits, in grapheme clusters (what a reader counts as characters).
inline constexpr std::size_t max_name_graphemes = 120;       // person, entry, source names, class
inline constexpr std::size_t max_title_graphemes = 200;      // headline, title, event, unit, role, award…
inline constexpr std::size_t max_paragraph_graphemes = 2000;
inline constexpr std::size_t max_paragraphs = 20;
inline constexpr std::size_t max_standings_rows = 200;
inline constexpr std::size_t max_honor_entries = 500;
inline constexpr std::size_t max_hour_windows = 8;
inline constexpr std::size_t max_audience_entries = 200;     // sites, and tags, per item

// `origin` names where the bytes came from ("feed quan-thanh-xuan", a file path)
// and prefixes every Problem::where.
Result<Manifest> parse_manifest(std::string_view json_bytes, std::string_view origin);

// Parses ONE item object with the same rules, except that referenced media are not
// checked against a media list (there is none): the store uses it to read back items
// it saved as JSON. `where` prefixes Problem::where as-is.
Result<Item> parse_item(std::string_view item_json, std::string_view where);

}  // namespace bangvang::core
