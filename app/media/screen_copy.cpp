#include "media/screen_copy.hpp"

#include <algorithm>
#include <cmath>

namespace bangvang::media {

std::filesystem::path screen_copy_path(const std::filesystem::path& original, bool png_source) {
    std::filesystem::path copy = original;
    copy += png_source ? ".screen.png" : ".screen.jpg";
    return copy;
}

std::array<std::filesystem::path, 2> screen_copy_candidates(const std::filesystem::path& original) {
    return {screen_copy_path(original, false), screen_copy_path(original, true)};
}

namespace {

double fit_scale(int width, int height, ScreenSize screen) {
    const int long_side = std::max(width, height);
    const int short_side = std::min(width, height);
    const int screen_long = std::max(screen.width, screen.height);
    const int screen_short = std::min(screen.width, screen.height);
    return std::min(static_cast<double>(screen_long) / long_side, static_cast<double>(screen_short) / short_side);
}

}  // namespace

bool larger_than_screen(int width, int height, ScreenSize screen) {
    if (!screen.known() || width <= 0 || height <= 0) return false;
    return fit_scale(width, height, screen) < 1.0;
}

SurfacePtr shrink_to_screen(SurfacePtr surface, ScreenSize screen) {
    SurfacePtr converted = as_argb8888(std::move(surface));
    if (!larger_than_screen(converted->w, converted->h, screen)) return converted;
    const double scale = fit_scale(converted->w, converted->h, screen);
    SurfacePtr smaller = create_rgba_surface(std::max(1, static_cast<int>(std::lround(converted->w * scale))),
                                             std::max(1, static_cast<int>(std::lround(converted->h * scale))));
    if (SDL_SoftStretchLinear(converted.get(), nullptr, smaller.get(), nullptr) != 0) {
        throw_sdl_error("SDL_SoftStretchLinear");
    }
    return smaller;
}

}  // namespace bangvang::media
