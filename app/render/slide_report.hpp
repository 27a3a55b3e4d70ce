#pragma once
// What a drawn slide reports about itself, for tests and the publisher's preview.
#include <string>
#include <vector>

#include <SDL.h>

namespace bangvang::render {

// One block of text as laid out, for tests: every glyph must exist in the font and
// `drawn` must lie inside `box`.
struct TextBlockReport {
    std::string text;
    SDL_Rect box{};
    SDL_Rect drawn{};
    int missing_glyphs = 0;
};

struct SlideReport {
    std::vector<TextBlockReport> text_blocks;
    std::vector<SDL_Rect> images;
};

}  // namespace bangvang::render
