#include "render/glyph_coverage.hpp"

#include <utf8proc.h>

#include "render/fallback_text.hpp"

namespace bangvang::render {

namespace {

template <typename Provided>
int count_missing(std::string_view utf8_text, Provided provided) {
    int missing = 0;
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(utf8_text.data());
    auto remaining = static_cast<utf8proc_ssize_t>(utf8_text.size());
    while (remaining > 0) {
        utf8proc_int32_t code_point = 0;
        utf8proc_ssize_t length = utf8proc_iterate(bytes, remaining, &code_point);
        if (length <= 0) {
            ++missing;
            ++bytes;
            --remaining;
            continue;
        }
        bytes += length;
        remaining -= length;
        bool drawn = code_point >= 0x20 && !(code_point >= 0x7f && code_point < 0xa0);
        if (drawn && !provided(static_cast<char32_t>(code_point))) ++missing;
    }
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
