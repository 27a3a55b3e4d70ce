#pragma once
// Rasterised text, kept as textures keyed by everything that decides its pixels
// (text, font, size, colour, wrap width, alignment), so redrawing a slide costs
// no FreeType work. Bounded by a byte budget with least-recently-used eviction.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/byte_budget_lru.hpp"
#include "render/font_cache.hpp"
#include "render/sdl_handles.hpp"

namespace bangvang::render {

enum class TextAlign { left, centre, right };

struct RenderedText {
    SDL_Texture* texture = nullptr;  // owned by the cache
    int width = 0;
    int height = 0;
    SDL_Rect ink{};  // the pixels actually covered, relative to the texture's corner
};

struct TextCacheStatistics {
    std::size_t entries = 0;
    std::size_t bytes = 0;
    std::size_t budget_bytes = 0;
    std::size_t hits = 0;
    std::size_t misses = 0;
};

class TextTextureCache {
public:
    TextTextureCache(SDL_Renderer* renderer, FontCache& fonts, std::size_t budget_bytes);

    // The text rasterised with TTF_RenderUTF8_Blended_Wrapped at `wrap_width`
    // (0 = one line). The texture stays valid until the next call to get().
    // Empty text gives an entry with no texture. Throws RenderError when SDL_ttf fails.
    RenderedText get(std::string_view text, FontWeight weight, int size, SDL_Color colour, int wrap_width,
                     TextAlign align);

    TextCacheStatistics statistics() const;
    void clear();

private:
    struct Entry {
        TexturePtr texture;
        RenderedText rendered;
    };

    SDL_Renderer* renderer_;
    FontCache& fonts_;
    std::size_t hits_ = 0;
    std::size_t misses_ = 0;
    core::ByteBudgetLru<Entry> entries_;
};

// Applies SDL_ttf's wrapped-line alignment for `align`.
void set_wrapped_alignment(TTF_Font* font, TextAlign align);

}  // namespace bangvang::render
