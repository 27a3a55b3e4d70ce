#include "render/font_cache.hpp"

#include <algorithm>

namespace bangvang::render {
namespace {
// Below this nothing is legible from a few metres; above it a glyph outgrows any slide.
constexpr int smallest_size = 6;
constexpr int largest_size = 600;
}  // namespace

FontCache::FontCache(std::filesystem::path regular, std::filesystem::path bold)
    : regular_(std::move(regular)), bold_(std::move(bold)) {}

TTF_Font* FontCache::get(FontWeight weight, int pixel_size) {
    pixel_size = std::clamp(pixel_size, smallest_size, largest_size);
    auto key = std::pair{weight, pixel_size};
    auto found = fonts_.find(key);
    if (found != fonts_.end()) return found->second.get();
    FontPtr font = open_font(path(weight), pixel_size);
    // Light hinting keeps large display text smooth while small text stays crisp.
    TTF_SetFontHinting(font.get(), TTF_HINTING_LIGHT);
    return fonts_.emplace(key, std::move(font)).first->second.get();
}

const std::filesystem::path& FontCache::path(FontWeight weight) const {
    return weight == FontWeight::bold ? bold_ : regular_;
}

}  // namespace bangvang::render
