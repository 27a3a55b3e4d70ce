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
    SDL_Rect content{};  // inside the margins, between header and footer

    int px(double fraction) const;
};

SlideGeometry make_slide_geometry(const Theme& theme, int width, int height);

}  // namespace bangvang::render
