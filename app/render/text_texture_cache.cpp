#include "render/text_texture_cache.hpp"

#include <algorithm>
#include <cstring>

#include "render/fallback_text.hpp"

namespace bangvang::render {
namespace {

std::string cache_key(std::string_view text, FontWeight weight, int size, SDL_Color colour, int wrap_width,
                      TextAlign align) {
    std::string key;
    key.reserve(text.size() + 32);
    key += std::to_string(static_cast<int>(weight));
    key += '/';
    key += std::to_string(size);
    key += '/';
    key += std::to_string((Uint32{colour.r} << 24) | (Uint32{colour.g} << 16) | (Uint32{colour.b} << 8) | colour.a);
    key += '/';
    key += std::to_string(wrap_width);
    key += '/';
    key += std::to_string(static_cast<int>(align));
    key += '\n';
    key += text;
    return key;
}

// The tight box of pixels with visible alpha: wrapped surfaces are as wide as the
// wrap length, and lines leave room for accents, so the surface overstates the text.
SDL_Rect ink_bounds(SDL_Surface* surface) {
    if (SDL_MUSTLOCK(surface)) SDL_LockSurface(surface);
    int left = surface->w, right = -1, top = surface->h, bottom = -1;
    const Uint32 alpha_mask = surface->format->Amask;
    for (int y = 0; y < surface->h; ++y) {
        const auto* row = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(surface->pixels) +
                                                           static_cast<std::ptrdiff_t>(y) * surface->pitch);
        for (int x = 0; x < surface->w; ++x) {
            if ((row[x] & alpha_mask) == 0) continue;
            left = std::min(left, x);
            right = std::max(right, x);
            top = std::min(top, y);
            bottom = std::max(bottom, y);
        }
    }
    if (SDL_MUSTLOCK(surface)) SDL_UnlockSurface(surface);
    if (right < 0) return SDL_Rect{0, 0, 0, 0};
    return SDL_Rect{left, top, right - left + 1, bottom - top + 1};
}

}  // namespace

void set_wrapped_alignment(TTF_Font* font, TextAlign align) {
    switch (align) {
        case TextAlign::left: TTF_SetFontWrappedAlign(font, TTF_WRAPPED_ALIGN_LEFT); break;
        case TextAlign::centre: TTF_SetFontWrappedAlign(font, TTF_WRAPPED_ALIGN_CENTER); break;
        case TextAlign::right: TTF_SetFontWrappedAlign(font, TTF_WRAPPED_ALIGN_RIGHT); break;
    }
}

TextTextureCache::TextTextureCache(SDL_Renderer* renderer, FontCache& fonts, std::size_t budget_bytes)
    : renderer_(renderer), fonts_(fonts), entries_(budget_bytes) {}

RenderedText TextTextureCache::get(std::string_view text, FontWeight weight, int size, SDL_Color colour,
                                   int wrap_width, TextAlign align) {
    if (text.empty()) return RenderedText{};
    std::string key = cache_key(text, weight, size, colour, wrap_width, align);
    if (const Entry* found = entries_.find(key)) {
        ++hits_;
        return found->rendered;
    }
    ++misses_;
    TTF_Font* font = fonts_.get(weight, size);
    set_wrapped_alignment(font, align);
    std::string terminated(text);
    SurfacePtr surface;
    if (FallbackText fallback(fonts_); fallback.needed(weight, size, text)) {
        surface = fallback.render(weight, size, text, colour, wrap_width, align);
    } else {
        surface.reset(wrap_width > 0 ? TTF_RenderUTF8_Blended_Wrapped(font, terminated.c_str(), colour,
                                                                      static_cast<Uint32>(wrap_width))
                                     : TTF_RenderUTF8_Blended(font, terminated.c_str(), colour));
    }
    if (!surface) throw RenderError(std::string("TTF_RenderUTF8_Blended_Wrapped: ") + TTF_GetError());

    Entry entry;
    entry.rendered.width = surface->w;
    entry.rendered.height = surface->h;
    entry.rendered.ink = ink_bounds(surface.get());
    entry.texture = create_texture_from_surface(renderer_, surface.get());
    SDL_SetTextureBlendMode(entry.texture.get(), SDL_BLENDMODE_BLEND);
    entry.rendered.texture = entry.texture.get();
    const std::size_t bytes = static_cast<std::size_t>(surface->w) * static_cast<std::size_t>(surface->h) * 4;
    return entries_.insert(std::move(key), std::move(entry), bytes).rendered;
}

TextCacheStatistics TextTextureCache::statistics() const {
    return TextCacheStatistics{.entries = entries_.size(),
                               .bytes = entries_.bytes(),
                               .budget_bytes = entries_.budget_bytes(),
                               .hits = hits_,
                               .misses = misses_};
}

void TextTextureCache::clear() { entries_.clear(); }

}  // namespace bangvang::render
