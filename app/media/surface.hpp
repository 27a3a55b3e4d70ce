#pragma once
// media: pictures as pixels, with no window, font or network in sight. Decoding (libjpeg
// with DCT scaling and EXIF orientation, SDL_image for PNG), encoding (JPEG, PNG), the
// check every downloaded image passes at sync, and the screen-sized copies kept beside
// camera originals. store, sync, render and publish use it; it links SDL2 (surfaces
// only), SDL2_image and libjpeg, never SDL_ttf, qrencode or curl.
//
// This file: the owning surface handle and the error every media function throws.
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include <SDL.h>

namespace bangvang::media {

// A picture could not be decoded, encoded or written: the message names the file (or
// the SDL call) and why.
class MediaError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct SurfaceDeleter {
    void operator()(SDL_Surface* surface) const noexcept { SDL_FreeSurface(surface); }
};
using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceDeleter>;

// An ARGB8888 surface (little-endian BGRA bytes, what libjpeg writes and SDL draws).
SurfacePtr create_rgba_surface(int width, int height);
// Any picture SDL_image decodes (PNG here; JPEGs go through scaled_jpeg.hpp).
SurfacePtr load_image_surface(const std::filesystem::path& path);
// The surface as ARGB8888 (itself when it already is).
SurfacePtr as_argb8888(SurfacePtr surface);
// Writes a PNG with SDL_image; the file is not fsynced (see files/durable_file.hpp).
void save_png_surface(SDL_Surface& surface, const std::filesystem::path& path);

// "<what>: <SDL_GetError()>" as a MediaError.
[[noreturn]] void throw_sdl_error(const std::string& what);

}  // namespace bangvang::media
