#pragma once
// Colour contrast as WCAG 2 defines it, and the list of text colours a theme puts on
// which backgrounds, so that a theme can be checked before any slide is drawn.
#include <string>
#include <vector>

#include <SDL.h>

#include "render/theme.hpp"

namespace bangvang::render {

// Relative luminance of an sRGB colour, 0 (black) .. 1 (white).
double relative_luminance(SDL_Color colour);
// (lighter + 0.05) / (darker + 0.05): 1 .. 21. Readable body text needs 4.5.
double contrast_ratio(SDL_Color first, SDL_Color second);

struct TextColourPairing {
    std::string text;        // "text on card"
    SDL_Color foreground;
    SDL_Color background;
};

// Every text colour the slide templates use, against every colour it is drawn on
// (both ends of a gradient). Keep in step with the templates.
std::vector<TextColourPairing> text_colour_pairings(const ThemeColours& colours);

}  // namespace bangvang::render
