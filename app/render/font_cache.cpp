#include "render/font_cache.hpp"

#include <algorithm>
#include <cstdint>

namespace bangvang::render {
namespace {
// Below this nothing is legible from a few metres; above it a glyph outgrows any slide.
constexpr int smallest_size = 6;
constexpr int largest_size = 600;
}  // namespace

FontCache::FontCache(std::filesystem::path regular, std::filesystem::path bold)
    : regular_(std::move(regular)), bold_(std::move(bold)) {}

const files::MappedFile& FontCache::mapped(FontWeight weight) {
    std::unique_ptr<files::MappedFile>& file = weight == FontWeight::bold ? bold_file_ : regular_file_;
    if (!file) file = std::make_unique<files::MappedFile>(path(weight));
    return *file;
}

TTF_Font* FontCache::get(FontWeight weight, int pixel_size) {
    pixel_size = std::clamp(pixel_size, smallest_size, largest_size);
    auto key = std::pair{weight, pixel_size};
    auto found = fonts_.find(key);
    if (found != fonts_.end()) return found->second.get();
    const std::string name = "TTF_OpenFont(" + path(weight).string() + ", " + std::to_string(pixel_size) + "px)";
    const files::MappedFile* file = nullptr;
    try {
        file = &mapped(weight);
    } catch (const files::FileError& error) {
        throw RenderError(name + ": " + error.what());
    }
    if (file->size() > static_cast<std::size_t>(INT32_MAX)) throw RenderError(name + ": the file is larger than 2 GB");
    // SDL_ttf closes the memory stream with the font (freesrc 1); the mapping stays ours.
    FontPtr font(TTF_OpenFontRW(SDL_RWFromConstMem(file->data(), static_cast<int>(file->size())), 1, pixel_size));
    if (!font) throw RenderError(name + ": " + TTF_GetError());
    // Light hinting keeps large display text smooth while small text stays crisp.
    TTF_SetFontHinting(font.get(), TTF_HINTING_LIGHT);
    return fonts_.emplace(key, std::move(font)).first->second.get();
}

const std::filesystem::path& FontCache::path(FontWeight weight) const {
    return weight == FontWeight::bold ? bold_ : regular_;
}

}  // namespace bangvang::render
