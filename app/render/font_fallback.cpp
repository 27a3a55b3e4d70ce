#include "render/font_fallback.hpp"

#include <utf8proc.h>

namespace bangvang::render {

std::vector<std::filesystem::path> default_fallback_fonts() {
    return {"/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
            "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"};
}

bool draws_no_glyph(char32_t c) {
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return true;
    if (c >= 0x200B && c <= 0x200F) return true;   // zero-width space and joiners, direction marks
    if (c >= 0xFE00 && c <= 0xFE0F) return true;   // variation selectors (U+FE0F: "as emoji")
    if (c >= 0xE0020 && c <= 0xE007F) return true; // tags (the flags of England, Scotland…)
    if (c >= 0xE0100 && c <= 0xE01EF) return true; // variation selectors supplement
    return c == 0xFEFF || c == 0x2060;
}

bool is_right_to_left(char32_t c) {
    if (c > 0x10FFFF) return false;
    const utf8proc_property_t* property = utf8proc_get_property(static_cast<utf8proc_int32_t>(c));
    return property->bidi_class == UTF8PROC_BIDI_CLASS_R || property->bidi_class == UTF8PROC_BIDI_CLASS_AL;
}

}  // namespace bangvang::render
