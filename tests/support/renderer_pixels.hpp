#pragma once
// Reading back what a renderer drew and comparing pixels, for the tests that check
// frames (the pipeline's partial redraws, rotated output).
#include <catch2/catch.hpp>

#include <SDL.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace bangvang::testing {

// The renderer's whole output (or its current target) as ARGB8888.
inline std::vector<Uint32> read_pixels(SDL_Renderer* renderer, int width, int height) {
    std::vector<Uint32> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    REQUIRE(SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_ARGB8888, pixels.data(), width * 4) == 0);
    return pixels;
}

// The largest difference of the red, green and blue channels of two ARGB8888 pixels.
inline int channel_difference(Uint32 a, Uint32 b) {
    int largest = 0;
    for (int shift : {0, 8, 16}) {
        largest = std::max(largest, std::abs(int((a >> shift) & 0xFF) - int((b >> shift) & 0xFF)));
    }
    return largest;
}

}  // namespace bangvang::testing
