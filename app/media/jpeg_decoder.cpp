#include "media/jpeg_decoder.hpp"

#include <algorithm>
#include <csetjmp>
#include <vector>

#include <jpeglib.h>

#include "core/exif_orientation.hpp"
#include "media/jpeg_handling.hpp"

namespace bangvang::media {

namespace {

using jpeg_handling::ErrorManager;
using jpeg_handling::attach_error_manager;

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
// Adobe-marked CMYK and YCCK inverted (0 = full ink); plain CMYK is stored as ink amounts.
void cmyk_row_to_bgra(const JSAMPLE* cmyk, Uint8* bgra, unsigned int width, bool inverted) {
    for (unsigned int x = 0; x < width; ++x, cmyk += 4, bgra += 4) {
        const unsigned key = inverted ? cmyk[3] : 255u - cmyk[3];
        const auto channel = [&](JSAMPLE ink) {
            const unsigned paper = inverted ? ink : 255u - ink;
            return static_cast<Uint8>((paper * key + 127u) / 255u);
        };
        bgra[0] = channel(cmyk[2]);
        bgra[1] = channel(cmyk[1]);
        bgra[2] = channel(cmyk[0]);
        bgra[3] = 255;
    }
}

// The smallest n/8 (n = 1..8) that keeps the shorter side at least `wanted`.
unsigned int scale_eighths(const jpeg_decompress_struct& info, int wanted) {
    if (wanted <= 0) return 8;
    const long shorter = static_cast<long>(std::min(info.image_width, info.image_height));
    unsigned int eighths = 8;
    while (eighths > 1 && shorter * (eighths - 1) / 8 >= wanted) --eighths;
    return eighths;
}

}  // namespace

DecodedJpeg decode_jpeg(const JpegInput& input, const std::string& name, int shorter_side_at_least) {
    jpeg_decompress_struct info{};
    ErrorManager errors{};
    info.err = attach_error_manager(errors);
    DecodedJpeg decoded;            // declared before setjmp so that a longjmp leaves it well-defined
    std::vector<JSAMPLE> cmyk_row;  // likewise
    if (setjmp(errors.jump) != 0) {
        jpeg_destroy_decompress(&info);
        throw MediaError("JPEG " + name + ": " + errors.message);
    }
    // No RAII owner for `info`: longjmp would skip its destructor. Both exits destroy it.
    jpeg_create_decompress(&info);
    if (input.file) {
        jpeg_stdio_src(&info, input.file);
    } else {
        jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(input.bytes.data()),
                     static_cast<unsigned long>(input.bytes.size()));
    }
    jpeg_save_markers(&info, JPEG_APP0 + 1, 0xFFFF);  // EXIF, for the orientation
    jpeg_read_header(&info, TRUE);
    decoded.orientation = saved_orientation(info);
    info.scale_num = scale_eighths(info, shorter_side_at_least);
    info.scale_denom = 8;
    // Little-endian BGRA bytes are SDL's ARGB8888 pixels: no conversion pass. libjpeg
    // cannot turn CMYK or YCCK into BGRA: they come as CMYK (YCCK converted by libjpeg),
    // turned into BGRA row by row.
    const bool cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
    info.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_BGRA;
    info.dct_method = JDCT_ISLOW;
    jpeg_start_decompress(&info);

    decoded.surface = create_rgba_surface(static_cast<int>(info.output_width), static_cast<int>(info.output_height));
    if (cmyk) cmyk_row.resize(std::size_t{info.output_width} * 4);
    while (info.output_scanline < info.output_height) {
        auto* pixels = static_cast<Uint8*>(decoded.surface->pixels) + info.output_scanline * decoded.surface->pitch;
        JSAMPROW row = cmyk ? cmyk_row.data() : pixels;
        jpeg_read_scanlines(&info, &row, 1);
        if (cmyk) cmyk_row_to_bgra(cmyk_row.data(), pixels, info.output_width, info.saw_Adobe_marker);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    return decoded;
}

}  // namespace bangvang::media
