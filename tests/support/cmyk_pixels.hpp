#pragma once
// Reading back a decoded test picture of cmyk_jpeg.hpp (red above, yellow below), for
// the kiosk's decoder (test_media) and the publisher's build and preview (test_publish).
#include <catch2/catch.hpp>

#include <SDL.h>

#include <memory>

#include "support/cmyk_jpeg.hpp"

namespace bangvang::testing {

// `surface` in ARGB8888 whatever its format (SDL_image gives 24-bit RGB, the decoder ARGB).
inline std::unique_ptr<SDL_Surface, decltype(&SDL_FreeSurface)> argb_copy(SDL_Surface& surface) {
    std::unique_ptr<SDL_Surface, decltype(&SDL_FreeSurface)> argb(
        SDL_ConvertSurfaceFormat(&surface, SDL_PIXELFORMAT_ARGB8888, 0), &SDL_FreeSurface);
    REQUIRE(argb);
    return argb;
}

inline Rgb argb_pixel(const SDL_Surface& argb, int x, int y) {
    Uint8 red = 0, green = 0, blue = 0;
    SDL_GetRGB(static_cast<const Uint32*>(argb.pixels)[y * argb.pitch / 4 + x], argb.format, &red, &green, &blue);
    return {red, green, blue};
}

inline Rgb pixel_at(SDL_Surface& surface, int x, int y) { return argb_pixel(*argb_copy(surface), x, y); }

// How many pixels of a picture are near `colour`.
inline int pixels_near(SDL_Surface& surface, Rgb colour) {
    const auto argb = argb_copy(surface);
    int count = 0;
    for (int y = 0; y < argb->h; ++y) {
        for (int x = 0; x < argb->w; ++x) count += near_rgb(argb_pixel(*argb, x, y), colour, 10) ? 1 : 0;
    }
    return count;
}

// The top half is test_red and the bottom half test_yellow, as written.
inline void check_halves(SDL_Surface& surface) {
    const Rgb top = pixel_at(surface, surface.w / 2, surface.h / 4);
    const Rgb bottom = pixel_at(surface, surface.w / 2, surface.h * 3 / 4);
    INFO("top " << int(top[0]) << "," << int(top[1]) << "," << int(top[2]) << "; bottom " << int(bottom[0]) << ","
                << int(bottom[1]) << "," << int(bottom[2]));
    CHECK(near_rgb(top, test_red));
    CHECK(near_rgb(bottom, test_yellow));
}

}  // namespace bangvang::testing
