#include "media/surface.hpp"

#include <SDL_image.h>

#include "media/png_chunks.hpp"

namespace bangvang::media {

void throw_sdl_error(const std::string& what) {
    throw MediaError(what + ": " + SDL_GetError());
}

SurfacePtr create_rgba_surface(int width, int height) {
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!surface) {
        throw_sdl_error("SDL_CreateRGBSurfaceWithFormat(" + std::to_string(width) + "x" + std::to_string(height) + ")");
    }
    return surface;
}

SurfacePtr load_image_surface(const std::filesystem::path& path) {
    // Media were checked when they arrived; this guards files that came another way
    // (a folder imported as it is) against a PNG that would keep the player in libpng.
    if (auto problem = png_file_chunk_problem(path)) throw MediaError(path.string() + ": " + *problem);
    SurfacePtr surface(IMG_Load(path.c_str()));
    if (!surface) throw MediaError("IMG_Load(" + path.string() + "): " + IMG_GetError());
    return surface;
}

SurfacePtr as_argb8888(SurfacePtr surface) {
    if (surface->format->format == SDL_PIXELFORMAT_ARGB8888) return surface;
    SurfacePtr converted(SDL_ConvertSurfaceFormat(surface.get(), SDL_PIXELFORMAT_ARGB8888, 0));
    if (!converted) throw_sdl_error("SDL_ConvertSurfaceFormat(ARGB8888)");
    return converted;
}

void save_png_surface(SDL_Surface& surface, const std::filesystem::path& path) {
    if (IMG_SavePNG(&surface, path.c_str()) != 0) throw MediaError("IMG_SavePNG(" + path.string() + "): " + IMG_GetError());
}

}  // namespace bangvang::media
