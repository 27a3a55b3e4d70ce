#pragma once
// Which characters the theme's font may hand to another font, and which fonts those
// are. Noto Sans has every Vietnamese letter but no emoji and few symbols, and text
// pasted from Zalo or Facebook is full of both (🎉 🏅 ★ ✓). SDL_ttf 2.20 has no font
// fallback of its own, so render/fallback_text draws such text run by run.
#include <filesystem>
#include <vector>

namespace bangvang::render {

// Debian's fonts, tried in this order for a character the theme's font lacks:
// Noto Color Emoji (fonts-noto-color-emoji: a colour bitmap font with one 109 px strike,
// drawn at that size and scaled to the line), then Symbola (fonts-symbola: outlines,
// arrows, stars, check marks, dingbats, and emoji in black and white).
// A file that is not installed is skipped.
std::vector<std::filesystem::path> default_fallback_fonts();

// Characters that draw nothing of their own: controls, joiners and variation selectors
// (U+200D, U+FE0F…), emoji tag characters. They go with the run before them and are
// never "missing".
bool draws_no_glyph(char32_t code_point);

// Right-to-left letters (Arabic, Hebrew, Syriac, Thaana, N'Ko…). SDL_ttf 2.20 shapes one
// run right to left but has no bidirectional algorithm: inside a Vietnamese line such a
// run, once wrapped, comes out in the wrong order. They are not drawn by any fallback and
// `validate` refuses them instead.
bool is_right_to_left(char32_t code_point);

}  // namespace bangvang::render
