#include "media/scaled_jpeg.hpp"

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <memory>
#include <vector>

#include <jpeglib.h>

#include "core/exif_orientation.hpp"
#include "media/jpeg_handling.hpp"

namespace bangvang::media {

namespace {

using jpeg_handling::ErrorManager;
using jpeg_handling::FilePtr;
using jpeg_handling::attach_error_manager;

bool looks_like_jpeg(std::FILE* file) {
    unsigned char magic[3] = {};
    const bool jpeg = std::fread(magic, 1, 3, file) == 3 && magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF;
    std::rewind(file);
    return jpeg;
}

// The orientation in the APP1 segments libjpeg saved while reading the header.
int saved_orientation(const jpeg_decompress_struct& info) {
    for (jpeg_saved_marker_ptr marker = info.marker_list; marker; marker = marker->next) {
        if (marker->marker != JPEG_APP0 + 1) continue;
        const std::string_view payload(reinterpret_cast<const char*>(marker->data), marker->data_length);
        if (const auto orientation = core::exif_orientation(payload)) return *orientation;
    }
    return 1;
}

// One row of 4-channel CMYK samples into BGRA bytes (SDL's ARGB8888). Photoshop writes
// Adobe-marked CMYK inverted (0 = full ink); plain CMYK is stored as ink amounts.
void cmyk_row_to_bgra(const JSAMPLE* cmyk, Uint8* bgra, unsigned int width, bool inverted) {
    for (unsigned int x = 0; x < width; ++x, cmyk += 4, bgra += 4) {
        const unsigned key = inverted ? cmyk[3] : 255u - cmyk[3];
        const auto channel = [&](JSAMPLE ink) {
            const unsigned paper = inverted ? ink : 255u - ink;
            return static_cast<Uint8>(paper * key / 255u);
        };
        bgra[0] = channel(cmyk[2]);
        bgra[1] = channel(cmyk[1]);
        bgra[2] = channel(cmyk[0]);
        bgra[3] = 255;
    }
}

// A camera's photo stored on its side becomes upright: one pass over the pixels.
SurfacePtr turn_upright(SurfacePtr stored, int orientation) {
    if (orientation < 2 || orientation > 8) return stored;
    const int width = stored->w;
    const int height = stored->h;
    const bool swaps = core::orientation_swaps_sides(orientation);
    SurfacePtr upright = create_rgba_surface(swaps ? height : width, swaps ? width : height);
    for (int y = 0; y < upright->h; ++y) {
        auto* row = reinterpret_cast<Uint32*>(static_cast<Uint8*>(upright->pixels) + y * upright->pitch);
        for (int x = 0; x < upright->w; ++x) {
            const core::PixelPosition from = core::stored_position(orientation, x, y, width, height);
            row[x] = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(stored->pixels) + from.y * stored->pitch)[from.x];
        }
    }
    return upright;
}

}  // namespace

std::optional<SurfacePtr> load_scaled_jpeg(const std::filesystem::path& path, int shorter_side_at_least) {
    FilePtr file(std::fopen(path.c_str(), "rb"));
    if (!file) throw MediaError("cannot open " + path.string());
    if (!looks_like_jpeg(file.get())) return std::nullopt;

    jpeg_decompress_struct info{};
    ErrorManager errors{};
    info.err = attach_error_manager(errors);
    SurfacePtr surface;  // declared before setjmp so that a longjmp leaves it well-defined
    std::vector<JSAMPLE> cmyk_row;  // likewise
    if (setjmp(errors.jump) != 0) {
        jpeg_destroy_decompress(&info);
        throw MediaError("JPEG " + path.string() + ": " + errors.message);
    }
    // No RAII owner for `info`: longjmp would skip its destructor. Both exits destroy it.
    jpeg_create_decompress(&info);
    jpeg_stdio_src(&info, file.get());
    jpeg_save_markers(&info, JPEG_APP0 + 1, 0xFFFF);  // EXIF, for the orientation
    jpeg_read_header(&info, TRUE);
    const int orientation = saved_orientation(info);

    const int shorter = static_cast<int>(std::min(info.image_width, info.image_height));
    const int wanted = std::max(1, shorter_side_at_least);
    unsigned int eighths = 8;
    while (eighths > 1 && static_cast<long>(shorter) * (eighths - 1) / 8 >= wanted) --eighths;
    info.scale_num = eighths;
    info.scale_denom = 8;
    // Little-endian BGRA bytes are SDL's ARGB8888 pixels: no conversion pass. CMYK and
    // YCCK (print-shop photos) libjpeg cannot turn into BGRA: they come as CMYK, converted per row.
    const bool cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
    info.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_BGRA;
    info.dct_method = JDCT_ISLOW;
    jpeg_start_decompress(&info);

    surface = create_rgba_surface(static_cast<int>(info.output_width), static_cast<int>(info.output_height));
    if (cmyk) cmyk_row.resize(std::size_t{info.output_width} * 4);
    while (info.output_scanline < info.output_height) {
        auto* pixels = static_cast<Uint8*>(surface->pixels) + info.output_scanline * surface->pitch;
        JSAMPROW row = cmyk ? cmyk_row.data() : pixels;
        jpeg_read_scanlines(&info, &row, 1);
        if (cmyk) cmyk_row_to_bgra(cmyk_row.data(), pixels, info.output_width, info.saw_Adobe_marker);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    return turn_upright(std::move(surface), orientation);
}

}  // namespace bangvang::media
