#include "media/pixel_formats.hpp"

#include "media/surface.hpp"

namespace bangvang::media {

HeldPixelFormats::HeldPixelFormats() {
    for (const Uint32 pixel_format : formats) {
        held_.emplace_back(SDL_AllocFormat(pixel_format));
        if (!held_.back()) throw_sdl_error(std::string("SDL_AllocFormat(") + SDL_GetPixelFormatName(pixel_format) + ")");
    }
}

const SDL_PixelFormat* HeldPixelFormats::held(Uint32 pixel_format) const {
    for (const auto& format : held_) {
        if (format && format->format == pixel_format) return format.get();
    }
    return nullptr;
}

}  // namespace bangvang::media
