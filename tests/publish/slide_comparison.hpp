#pragma once
// Slides drawn by the kiosk (--headless) and by `bangvang-publish preview`, compared
// pixel by pixel: the PNGs each prints, found by item and page, and their difference.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>

namespace bangvang::testing {

namespace slide_files = std::filesystem;

// The test files of one program share this header: inline, in the testing namespace.

struct SlideSurfaceDeleter {
    void operator()(SDL_Surface* surface) const { SDL_FreeSurface(surface); }
};
using SlideSurfacePtr = std::unique_ptr<SDL_Surface, SlideSurfaceDeleter>;

inline SlideSurfacePtr load_rgba(const slide_files::path& file) {
    SlideSurfacePtr loaded(IMG_Load(file.c_str()));
    INFO(file.string() << ": " << IMG_GetError());
    REQUIRE(loaded);
    SlideSurfacePtr rgba(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_RGBA32, 0));
    REQUIRE(rgba);
    return rgba;
}

struct PixelDifference {
    int largest = 0;                 // the largest difference of one channel, 0..255
    std::size_t pixels_differing = 0;  // pixels with any channel different
    std::size_t pixels = 0;
    double share() const { return pixels == 0 ? 0.0 : static_cast<double>(pixels_differing) / static_cast<double>(pixels); }
};

inline PixelDifference compare_pngs(const slide_files::path& first, const slide_files::path& second) {
    const SlideSurfacePtr a = load_rgba(first);
    const SlideSurfacePtr b = load_rgba(second);
    REQUIRE(a->w == b->w);
    REQUIRE(a->h == b->h);
    PixelDifference difference;
    difference.pixels = static_cast<std::size_t>(a->w) * static_cast<std::size_t>(a->h);
    for (int y = 0; y < a->h; ++y) {
        const auto* row_a = static_cast<const std::uint8_t*>(a->pixels) + static_cast<std::ptrdiff_t>(y) * a->pitch;
        const auto* row_b = static_cast<const std::uint8_t*>(b->pixels) + static_cast<std::ptrdiff_t>(y) * b->pitch;
        for (int x = 0; x < a->w; ++x) {
            int pixel_largest = 0;
            for (int channel = 0; channel < 4; ++channel) {
                const int delta = std::abs(int(row_a[x * 4 + channel]) - int(row_b[x * 4 + channel]));
                pixel_largest = std::max(pixel_largest, delta);
            }
            if (pixel_largest > 0) ++difference.pixels_differing;
            difference.largest = std::max(difference.largest, pixel_largest);
        }
    }
    return difference;
}

// "…/007-story-nguyen-thi-hoa.png" -> "story-nguyen-thi-hoa": the number is the order
// of play (kiosk) or of the feed (preview), the rest names the item and page.
inline std::map<std::string, slide_files::path> slides_by_name(const std::string& printed_paths) {
    static const std::regex numbered(R"(^[0-9]+-(.+)\.png$)");
    std::map<std::string, slide_files::path> slides;
    std::istringstream lines(printed_paths);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("  ")) continue;  // "  800x480: “Nội dung” dài hơn 3 trang: …"
        if (const auto cut = line.find("  ("); cut != std::string::npos) line.resize(cut);  // "(chữ bị cắt bằng …)"
        if (line.empty()) continue;
        const slide_files::path file = line;
        std::smatch match;
        const std::string name = file.filename().string();
        if (std::regex_match(name, match, numbered)) slides.emplace(match[1].str(), file);
    }
    return slides;
}

}  // namespace bangvang::testing
