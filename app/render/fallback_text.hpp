#pragma once
// Text with characters the theme's font lacks (emoji, symbols), drawn run by run in the
// fonts of the fallback chain (render/font_fallback.hpp). SDL_ttf 2.20 draws one font
// per call, so such a text is cut into runs of one font, wrapped at spaces here, and
// each line composed from the runs' surfaces; a colour emoji, drawn at its font's one
// bitmap size, is scaled to the line. Text the theme's font covers never comes here:
// it keeps SDL_ttf's own wrapping and exactly its pixels.
#include <string>
#include <string_view>
#include <vector>

#include "render/font_cache.hpp"
#include "render/text_fitting.hpp"
#include "render/text_texture_cache.hpp"

namespace bangvang::render {

// Which font draws a character: the theme's, a fallback (its index), or none.
inline constexpr int theme_font = -1;
inline constexpr int no_font = -2;

class FallbackText {
public:
    explicit FallbackText(FontCache& fonts) : fonts_(fonts) {}

    // The font that draws `code_point` at this weight and size: theme_font, a fallback's
    // index, or no_font (what draws no glyph of its own counts as the theme font's).
    int font_for(FontWeight weight, int size, char32_t code_point);
    // Whether `text` (valid UTF-8) needs a fallback font: opens the fallbacks only when
    // the theme's font lacks one of its characters.
    bool needed(FontWeight weight, int size, std::string_view text);

    int line_width(FontWeight weight, int size, std::string_view text);
    // As wrapped_text_size(): the lines' box at `wrap_width`.
    TextSize measure(FontWeight weight, int size, std::string_view text, int wrap_width);
    // An ARGB surface as TTF_RenderUTF8_Blended(_Wrapped) gives: `wrap_width` wide (the
    // text's width when 0), one line skip a line, each line aligned in it.
    SurfacePtr render(FontWeight weight, int size, std::string_view text, SDL_Color colour, int wrap_width,
                      TextAlign align);

private:
    struct Run {
        std::string text;
        int font = theme_font;
    };
    std::vector<Run> runs(FontWeight weight, int size, std::string_view text);
    TTF_Font* run_font(const Run& run, FontWeight weight, int size);
    int run_width(const Run& run, FontWeight weight, int size);
    std::vector<std::string> wrap(FontWeight weight, int size, std::string_view text, int wrap_width);
    void draw_line(SDL_Surface* target, int x, int y, const std::string& line, FontWeight weight, int size,
                   SDL_Color colour);

    FontCache& fonts_;
};

}  // namespace bangvang::render
