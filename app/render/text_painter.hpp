#pragma once
// Lays out and draws blocks of text: NFC-normalised, wrapped at the box width,
// shrunk and cut to fit, and reported (missing glyphs, where the ink landed).
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "render/font_cache.hpp"
#include "render/slide_report.hpp"
#include "render/text_fitting.hpp"
#include "render/text_texture_cache.hpp"

namespace bangvang::render {

enum class VerticalAlign { top, middle, bottom };

struct TextStyle {
    FontWeight weight = FontWeight::regular;
    int size = 36;      // pixels
    int min_size = 0;   // 0 = never shrink below `size`
    SDL_Color colour{0, 0, 0, 255};
    TextAlign align = TextAlign::left;
    VerticalAlign vertical = VerticalAlign::top;
    double paragraph_gap = 0.45;  // fraction of the line height
    int max_lines = 0;            // 0 = as many as the box holds; 1 for labels that must not wrap
    TextRole role = TextRole::other;  // body, secondary and title text never fit below their floor
};

// The least cap heights, in pixels, of each role on one screen (slide_report.hpp's
// TextRole); 0 = no floor. A block is never drawn, nor shrunk to fit, below its role's
// floor: past it the text wraps, goes on to a further page, or ends with "…".
struct CapHeightFloors {
    double body = 0;
    double secondary = 0;
    double title = 0;
    double of(TextRole role) const;
};

// 1/40 of the shorter side for body text, 3/4 of that for secondary lines; titles 1.1
// times `body_cap` (the cap height of the body as the theme sets it, when larger).
CapHeightFloors cap_height_floors(int shorter_side, double body_cap);

// Where a drawn block sits: `occupied` is its layout box (line boxes), which the
// next block is placed after; the report carries the ink box for tests.
struct DrawnText {
    TextBlockReport report;
    SDL_Rect occupied{};
    int font_size = 0;
    bool truncated = false;
    std::size_t lost_characters = 0;  // code points of the given text not drawn (when truncated)
};

class TextPainter {
public:
    TextPainter(SDL_Renderer* renderer, FontCache& fonts, TextTextureCache& textures);

    // The floors every fit and draw holds text to (none until set).
    void set_floors(const CapHeightFloors& floors);
    const CapHeightFloors& floors() const { return floors_; }
    // The ink height of "H" at `size` px: the cap height as drawn (hinting included).
    int cap_height(FontWeight weight, int size);
    // The smallest size whose cap height reaches `cap`.
    int size_for_cap_height(FontWeight weight, double cap);
    // `size` raised to the floor of `role`: what fitting starts from and never goes under.
    int legible_size(TextRole role, FontWeight weight, int size);
    // The style as fitted: size and min_size raised to the role's floor.
    TextStyle legible(const TextStyle& style);

    FittedText fit(const std::vector<std::string>& paragraphs, const TextStyle& style, int box_width,
                   int box_height);
    // `paint` false lays the block out without drawing it (the layout pass of a slide
    // whose page count depends on where its text falls); the result is the same.
    DrawnText draw(const std::vector<std::string>& paragraphs, const TextStyle& style, SDL_Rect box,
                   bool paint = true);
    DrawnText draw(std::string_view text, const TextStyle& style, SDL_Rect box, bool paint = true);
    // Height the block would take in a box of this width (after fitting).
    int measure_height(std::string_view text, const TextStyle& style, int box_width, int box_height);
    int line_height(FontWeight weight, int size);
    // Advance width of `text` on one line, without drawing it.
    int line_width(std::string_view text, FontWeight weight, int size);
    // One unwrapped line from the texture cache, for strips that place text themselves
    // (the ticker). The texture stays valid until the next text is drawn.
    RenderedText line(std::string_view text, FontWeight weight, int size, SDL_Color colour);

private:
    TextSize measure_wrapped(std::string_view text, FontWeight weight, int size, int wrap_width);

    SDL_Renderer* renderer_;
    FontCache& fonts_;
    TextTextureCache& textures_;
    // Fitting measures many candidate sizes and cuts; a redraw of the same slide reuses the answer.
    std::unordered_map<std::string, FittedText> fitted_;
    CapHeightFloors floors_;
    std::unordered_map<int, int> cap_heights_;  // by weight * 1024 + size
};

// Text as SDL_ttf should see it: valid UTF-8 in NFC (decomposed text wraps too early).
std::string displayable_text(std::string_view text);

}  // namespace bangvang::render
