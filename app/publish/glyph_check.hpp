#pragma once
// Characters the kiosk cannot draw, found before they are published: what no font of
// the chain has (render/font_fallback.hpp: Noto Sans, Noto Color Emoji, Symbola) would
// show as a box, and right-to-left letters (Arabic, Hebrew) would come out in the wrong
// order. `validate` and `build` refuse both, naming the file, the line (inside a
// paragraph of several lines, its own line), the field and the character with its code
// point. For source.json, which has no lines, the item and the member are named, and
// text that looks like markup is warned about as the folder form does.
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "publish/content_findings.hpp"
#include "publish/link_length_check.hpp"

namespace bangvang::publish {

struct GlyphFonts {
    std::filesystem::path regular;
    std::filesystem::path bold;
    std::vector<std::filesystem::path> fallbacks;
};
// The built-in theme's fonts and the default chain: what a kiosk has.
GlyphFonts kiosk_fonts();

// Throws render::RenderError when the theme's own font cannot be opened.
void check_glyphs(const nlohmann::ordered_json& document, const ItemOrigins& origins, const GlyphFonts& fonts,
                  std::vector<Finding>& findings);

}  // namespace bangvang::publish
