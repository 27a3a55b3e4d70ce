#include "render/glyph_coverage.hpp"

#include "core/utf8.hpp"

#include "render/fallback_text.hpp"

namespace bangvang::render {

namespace {

template <typename Provided>
int count_missing(std::string_view utf8_text, Provided provided) {
    int missing = 0;
    core::for_each_utf8_character(utf8_text, [&](const core::Utf8Character& character, std::string_view) {
        const char32_t c = character.code_point;
        const bool drawn = c >= 0x20 && !(c >= 0x7f && c < 0xa0);
        if (!character.valid || (drawn && !provided(c))) ++missing;
    });
    return missing;
}

}  // namespace

int count_missing_glyphs(TTF_Font* font, std::string_view utf8_text) {
    return count_missing(utf8_text, [&](char32_t c) { return TTF_GlyphIsProvided32(font, c) != 0; });
}

int count_missing_glyphs(FontCache& fonts, FontWeight weight, int pixel_size, std::string_view utf8_text) {
    FallbackText chain(fonts);
    return count_missing(utf8_text, [&](char32_t c) { return chain.font_for(weight, pixel_size, c) != no_font; });
}

}  // namespace bangvang::render
