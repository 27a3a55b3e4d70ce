#include "media/jpeg_encoder.hpp"

#include <csetjmp>
#include <cstdio>
#include <memory>

#include <jpeglib.h>

#include "media/jpeg_handling.hpp"
#include "media/surface.hpp"

namespace bangvang::media {

namespace {

using jpeg_handling::ErrorManager;
using jpeg_handling::FilePtr;
using jpeg_handling::attach_error_manager;

}  // namespace

void save_jpeg(const SDL_Surface& surface, const std::filesystem::path& path, int quality) {
    if (surface.format->format != SDL_PIXELFORMAT_ARGB8888) {
        throw MediaError("JPEG " + path.string() + ": the encoder takes ARGB8888 surfaces only");
    }
    FilePtr file(std::fopen(path.c_str(), "wb"));
    if (!file) throw MediaError("cannot create " + path.string());

    jpeg_compress_struct info{};
    ErrorManager errors{};
    info.err = attach_error_manager(errors);
    if (setjmp(errors.jump) != 0) {
        jpeg_destroy_compress(&info);
        throw MediaError("JPEG " + path.string() + ": " + errors.message);
    }
    // No RAII owner for `info`: longjmp would skip its destructor. Both exits destroy it.
    jpeg_create_compress(&info);
    jpeg_stdio_dest(&info, file.get());
    info.image_width = static_cast<JDIMENSION>(surface.w);
    info.image_height = static_cast<JDIMENSION>(surface.h);
    // Little-endian ARGB8888 pixels are BGRA bytes, which libjpeg-turbo reads as they are.
    info.input_components = 4;
    info.in_color_space = JCS_EXT_BGRA;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    info.dct_method = JDCT_ISLOW;
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        auto* pixels = static_cast<Uint8*>(surface.pixels) + static_cast<std::ptrdiff_t>(info.next_scanline) * surface.pitch;
        JSAMPROW row = pixels;
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    if (std::fflush(file.get()) != 0 || std::ferror(file.get())) throw MediaError("cannot write " + path.string());
}

}  // namespace bangvang::media
