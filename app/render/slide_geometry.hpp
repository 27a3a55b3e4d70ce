#pragma once
// Where the header, footer and content go on a screen of a given size. Derived
// from the theme only (no text measured), so page counts are known before drawing.
#include <SDL.h>

#include "render/theme.hpp"

namespace bangvang::render {

struct SlideGeometry {
    int width = 0;
    int height = 0;
    int unit = 0;  // the shorter side: theme sizes are fractions of it
    bool portrait = false;
    int margin = 0;
    int gap = 0;
    int radius = 0;
    SDL_Rect header{};
    SDL_Rect footer{};
    SDL_Rect ticker{};   // the scrolling announcements strip over the footer; empty when off
    SDL_Rect content{};  // inside the margins, between header and the ticker or footer

    int px(double fraction) const;
};

struct GeometryOptions {
    bool ticker = false;  // reserve a strip for the ticker above the footer
};

SlideGeometry make_slide_geometry(const Theme& theme, int width, int height, const GeometryOptions& options = {});

// A portrait footer is this much taller than the theme's: the source's name beside the
// section's is too long for the narrow row at its legible size and takes two lines
// (slide_chrome.cpp), and a portrait screen has the height to spare.
inline constexpr double portrait_footer_scale = 1.7;

// Height of the ticker strip, a fraction of the shorter side: one line of body text
// (cap height at least 1/40 of the shorter side: Noto Sans Bold's cap is 0.714 em, so
// type of 0.035 of the shorter side, set at 58 % of the strip's height under its rule).
inline constexpr double ticker_height_fraction = 0.066;

}  // namespace bangvang::render
