#pragma once
// The look of every slide: colours, fonts, and sizes. Sizes are fractions of the
// screen's shorter side (the height in landscape, the width in portrait), so one
// theme reads the same at 1920x1080, 1080x1920 and 1280x720.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include <SDL.h>

#include "core/result.hpp"

namespace bangvang::render {

struct ThemeColours {
    SDL_Color background{251, 246, 236, 255};         // warm paper
    SDL_Color background_shade{243, 233, 214, 255};   // bottom of the background gradient
    SDL_Color card{255, 253, 248, 255};               // panels and honour-roll cards
    SDL_Color header_top{178, 18, 27, 255};           // deep red band, lighter at the top
    SDL_Color header_bottom{128, 8, 14, 255};
    SDL_Color header_text{255, 250, 240, 255};
    SDL_Color gold{232, 178, 47, 255};                 // accents, badges, rank 1-3
    SDL_Color gold_light{250, 221, 140, 255};
    SDL_Color gold_dark{134, 92, 10, 255};             // gold that reads as text on paper (4.5:1)
    SDL_Color title{160, 16, 24, 255};                 // headings on paper
    SDL_Color text{38, 26, 22, 255};
    SDL_Color text_muted{110, 84, 70, 255};
    SDL_Color rule{224, 205, 170, 255};                // hairlines, empty bar tracks
    SDL_Color bar{190, 30, 38, 255};
    SDL_Color bar_end{226, 88, 54, 255};
    SDL_Color rise{26, 116, 54, 255};
    SDL_Color fall{200, 30, 36, 255};
    SDL_Color placeholder{236, 222, 196, 255};
    SDL_Color placeholder_figure{205, 180, 140, 255};
};

struct ThemeFonts {
    std::filesystem::path regular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    std::filesystem::path bold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
};

// Fractions of the shorter screen side.
struct ThemeMetrics {
    double margin = 0.045;         // around the content area
    double header_height = 0.105;
    double footer_height = 0.055;
    double gap = 0.025;            // between blocks
    double corner_radius = 0.014;
};

// Font sizes, fractions of the shorter screen side; *_min is how far fitting may shrink.
struct ThemeTextSizes {
    double header = 0.040;
    double footer = 0.028;
    double display = 0.160;  // commemoration countdown
    double title = 0.058;
    double name = 0.066;
    double headline = 0.042;
    double subtitle = 0.032;
    // Noto Sans's cap height is 0.714 em: body_min 0.036 gives a cap height over 1/40 of
    // the shorter side (27 px at 1080); the caption one over 3/4 of that. The renderer
    // holds every role to those floors whatever a theme says (text_painter.hpp).
    double body = 0.037;
    double body_min = 0.036;
    double caption = 0.028;
};

struct Theme {
    std::string name = "Đỏ – vàng";
    ThemeColours colours;
    ThemeFonts fonts;
    ThemeMetrics metrics;
    ThemeTextSizes text;
};

// The theme as drawn on a screen of this size: a portrait screen is as wide as a
// landscape one is tall but has nearly twice the height, so its reading text (body,
// headline, subtitle, caption) is set larger (portrait_text_scale); names, titles and
// the chrome keep their sizes.
inline constexpr double portrait_text_scale = 1.15;
Theme shaped_theme(Theme theme, int width, int height);

// The red-and-gold civic theme; the same values as assets/themes/default.json.
Theme default_theme();

// A theme file: every member optional (missing ones keep the default), unknown
// members ignored. `origin` names the file in problems.
//   {"format": "bangvang.theme/1", "name": "...",
//    "colours": {"background": "#FBF6EC", ...}, "fonts": {"regular": "/path", "bold": "/path"},
//    "metrics": {"margin": 0.045, ...}, "text": {"body": 0.034, ...}}
core::Result<Theme> parse_theme(std::string_view json, std::string_view origin);

// Reads and parses a theme file; throws ThemeError when it cannot be read or is invalid.
class ThemeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};
Theme load_theme_file(const std::filesystem::path& path);

}  // namespace bangvang::render
