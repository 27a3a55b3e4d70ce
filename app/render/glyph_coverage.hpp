#pragma once
// Whether a font can draw a text: a missing glyph shows as an empty box on screen,
// which for Vietnamese means a mangled name.
#include <string_view>

#include <SDL_ttf.h>

#include "render/font_cache.hpp"

namespace bangvang::render {

// Code points of `utf8_text` the font has no glyph for (line breaks and other
// control characters are not drawn, so they do not count). Invalid UTF-8 bytes
// count as missing: they would draw as replacement boxes.
int count_missing_glyphs(TTF_Font* font, std::string_view utf8_text);
// The same over the theme's font and its fallback chain (render/font_fallback.hpp):
// what no font draws, and right-to-left letters, which are never drawn.
int count_missing_glyphs(FontCache& fonts, FontWeight weight, int pixel_size, std::string_view utf8_text);

}  // namespace bangvang::render
