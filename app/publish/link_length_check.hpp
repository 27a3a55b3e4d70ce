#pragma once
// A story's link becomes the QR code "Đọc toàn văn" on the slide. A longer link makes a
// denser code; past a point its modules fall under 4 screen pixels on the smaller
// screens and phones stop reading it. `validate` and `build` refuse such a link, with
// the length allowed, computed from the kiosk's own layout (render/story_slide.hpp).
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "publish/content_findings.hpp"
#include "publish/slide_preview.hpp"

namespace bangvang::publish {

// The longest link (bytes) whose code stays readable on a screen of this shape.
std::size_t readable_link_bytes(const ScreenShape& shape);

// Where the document's items came from, to name the file and line of a link.
struct ItemOrigins {
    std::string fallback_file;  // the whole source (source.json, or the folder)
    const std::vector<std::string>* item_files = nullptr;              // per item; may be null
    const std::vector<std::map<std::string, int>>* item_lines = nullptr;  // "story.portal_url" -> line; may be null
};

// An error for every story link of `document` (the source's JSON: {"items": [...]})
// too long to scan at one of `shapes`.
void check_link_lengths(const nlohmann::ordered_json& document, const ItemOrigins& origins,
                        const std::vector<ScreenShape>& shapes, std::vector<Finding>& findings);

}  // namespace bangvang::publish
