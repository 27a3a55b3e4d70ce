#include "render/font_cache.hpp"

#include <algorithm>
#include <cstdint>

#include "render/font_fallback.hpp"

namespace bangvang::render {
namespace {
// Below this nothing is legible from a few metres; above it a glyph outgrows any slide.
constexpr int smallest_size = 6;
constexpr int largest_size = 600;
}  // namespace

FontCache::FontCache(std::filesystem::path regular, std::filesystem::path bold)
    : FontCache(std::move(regular), std::move(bold), default_fallback_fonts()) {}

FontCache::FontCache(std::filesystem::path regular, std::filesystem::path bold,
                     std::vector<std::filesystem::path> fallbacks)
    : regular_(std::move(regular)), bold_(std::move(bold)) {
    for (std::filesystem::path& path : fallbacks) {
        Fallback fallback;
        fallback.path = std::move(path);
        fallbacks_.push_back(std::move(fallback));
    }
}

const files::MappedFile& FontCache::mapped(FontWeight weight) {
    std::unique_ptr<files::MappedFile>& file = weight == FontWeight::bold ? bold_file_ : regular_file_;
    if (!file) file = std::make_unique<files::MappedFile>(path(weight));
    return *file;
}

FontPtr FontCache::open(const files::MappedFile& file, const std::filesystem::path& path, int pixel_size) {
    const std::string name = "TTF_OpenFont(" + path.string() + ", " + std::to_string(pixel_size) + "px)";
    if (file.size() > static_cast<std::size_t>(INT32_MAX)) throw RenderError(name + ": the file is larger than 2 GB");
    // SDL_ttf closes the memory stream with the font (freesrc 1); the mapping stays ours.
    FontPtr font(TTF_OpenFontRW(SDL_RWFromConstMem(file.data(), static_cast<int>(file.size())), 1, pixel_size));
    if (!font) throw RenderError(name + ": " + TTF_GetError());
    // Light hinting keeps large display text smooth while small text stays crisp.
    TTF_SetFontHinting(font.get(), TTF_HINTING_LIGHT);
    return font;
}

TTF_Font* FontCache::get(FontWeight weight, int pixel_size) {
    pixel_size = std::clamp(pixel_size, smallest_size, largest_size);
    auto key = std::pair{weight, pixel_size};
    auto found = fonts_.find(key);
    if (found != fonts_.end()) return found->second.get();
    const files::MappedFile* file = nullptr;
    try {
        file = &mapped(weight);
    } catch (const files::FileError& error) {
        throw RenderError("TTF_OpenFont(" + path(weight).string() + ", " + std::to_string(pixel_size) +
                          "px): " + error.what());
    }
    return fonts_.emplace(key, open(*file, path(weight), pixel_size)).first->second.get();
}

TTF_Font* FontCache::fallback(std::size_t index, int pixel_size) {
    if (index >= fallbacks_.size()) return nullptr;
    Fallback& fallback = fallbacks_[index];
    if (fallback.unavailable) return nullptr;
    pixel_size = std::clamp(pixel_size, smallest_size, largest_size);
    if (fallback.fixed_size) return fallback.sizes.begin()->second.get();
    if (auto found = fallback.sizes.find(pixel_size); found != fallback.sizes.end()) return found->second.get();
    try {
        if (!fallback.file) fallback.file = std::make_unique<files::MappedFile>(fallback.path);
        FontPtr font = open(*fallback.file, fallback.path, pixel_size);
        // A bitmap-only font ignores the size asked for and answers with its one strike
        // (Noto Color Emoji: 128 px lines whatever the size): keep that one font. Seen
        // from a second size giving the same height, once, on the first use.
        if (fallback.sizes.empty()) {
            FontPtr other = open(*fallback.file, fallback.path, pixel_size + 16);
            fallback.fixed_size = TTF_FontHeight(other.get()) == TTF_FontHeight(font.get());
        }
        return fallback.sizes.emplace(pixel_size, std::move(font)).first->second.get();
    } catch (const std::exception&) {
        fallback.unavailable = true;  // not installed or unreadable: the chain is one shorter
        fallback.file.reset();
        return nullptr;
    }
}

double FontCache::fallback_scale(std::size_t index, FontWeight weight, int pixel_size) {
    TTF_Font* font = fallback(index, pixel_size);
    if (!font || !fallbacks_[index].fixed_size) return 1.0;
    return static_cast<double>(TTF_FontHeight(get(weight, pixel_size))) / TTF_FontHeight(font);
}

const std::filesystem::path& FontCache::path(FontWeight weight) const {
    return weight == FontWeight::bold ? bold_ : regular_;
}

}  // namespace bangvang::render
