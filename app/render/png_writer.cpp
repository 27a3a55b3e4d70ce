#include "render/png_writer.hpp"

#include "render/sdl_handles.hpp"

namespace bangvang::render {

void save_png(SDL_Renderer* renderer, const std::filesystem::path& path) {
    int width = 0;
    int height = 0;
    // SDL_GetRendererOutputSize reports the window even while a texture is the target.
    if (SDL_Texture* target = SDL_GetRenderTarget(renderer)) {
        if (SDL_QueryTexture(target, nullptr, nullptr, &width, &height) != 0) {
            throw_sdl_error("SDL_QueryTexture(render target) for " + path.string());
        }
    } else if (SDL_GetRendererOutputSize(renderer, &width, &height) != 0) {
        throw_sdl_error("SDL_GetRendererOutputSize for " + path.string());
    }
    SurfacePtr surface = create_rgba_surface(width, height);
    if (SDL_RenderReadPixels(renderer, nullptr, surface->format->format, surface->pixels, surface->pitch) != 0) {
        throw_sdl_error("SDL_RenderReadPixels for " + path.string());
    }
    // Screens are opaque: drop whatever alpha the target carried so viewers do not show holes.
    SurfacePtr opaque(SDL_ConvertSurfaceFormat(surface.get(), SDL_PIXELFORMAT_RGB24, 0));
    if (!opaque) throw_sdl_error("SDL_ConvertSurfaceFormat(RGB24) for " + path.string());
    if (IMG_SavePNG(opaque.get(), path.c_str()) != 0) {
        throw RenderError("IMG_SavePNG(" + path.string() + "): " + IMG_GetError());
    }
}

}  // namespace bangvang::render
