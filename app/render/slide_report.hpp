#pragma once
// What a drawn slide reports about itself, for tests and the publisher's preview.
#include <cstddef>
#include <string>
#include <vector>

#include <SDL.h>

namespace bangvang::render {

// What a block of text is to the reader, for the legibility floors (#12 point 4): body
// text's cap height is at least 1/40 of the screen's shorter side, secondary lines (role,
// unit, movement, date, captions) at least 3/4 of that, names and titles at least 1.1
// times the body's. Chrome and figures (the clock, ranks, the countdown) are `other`.
enum class TextRole { other, body, secondary, title };

// One block of text as laid out, for tests: every glyph must exist in the font and
// `drawn` must lie inside `box`.
struct TextBlockReport {
    std::string text;
    SDL_Rect box{};
    SDL_Rect drawn{};
    int missing_glyphs = 0;
    TextRole role = TextRole::other;
    int font_size = 0;       // pixels, as fitted
    int cap_height = 0;      // pixels: the height of "H" in the font at that size
    double cap_floor = 0;    // the least cap height the role allows on this screen; 0 = none
};

// Text a staff member wrote that this slide does not show: a block shrunk to its
// smallest size and still cut, or a body that ran out of pages. The kiosk, `preview`
// and `validate` all learn what is cut from here: there is one layout, not two.
struct TextCutReport {
    std::string field;                // "body" for a story's or commemoration's body; empty for other blocks
    std::string shown;                // the block as drawn, ending in "…" (paragraphs joined by '\n')
    std::size_t paragraph = 0;        // body only: index of the first paragraph not shown whole
    std::size_t lost_characters = 0;  // code points not shown
};

// A square QR code as drawn: its module count and the pixels each module takes.
struct QrCodeReport {
    std::string text;
    SDL_Rect code{};          // the modules, quiet zone included
    int modules = 0;          // per side, quiet zone included
    int pixels_per_module = 0;
};

// A feed picture as drawn: the box its pixels fill (inside the frame), the row the cover
// crop keeps near the middle, and whether the box's shape came from the picture's own
// (SlideCanvas::image_aspect). The publisher sizes and cuts its renditions from these
// (publish/picture_renditions.hpp).
struct PictureReport {
    std::string sha256;
    SDL_Rect box{};
    double focus_y = 0.5;
    bool box_follows_picture = false;
};

struct SlideReport {
    std::vector<TextBlockReport> text_blocks;
    std::vector<SDL_Rect> images;
    std::vector<PictureReport> pictures;  // the feed's pictures among `images`
    std::vector<std::string> pictures_shaping_layout;  // sha256 of those image_aspect read
    std::vector<TextCutReport> cuts;
    std::vector<QrCodeReport> qr_codes;
};

}  // namespace bangvang::render
