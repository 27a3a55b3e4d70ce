#include "media/scaled_jpeg.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>

#include "core/exif_orientation.hpp"
#include "media/jpeg_decoder.hpp"
#include "media/jpeg_handling.hpp"

namespace bangvang::media {

namespace {

using jpeg_handling::FilePtr;

bool looks_like_jpeg(std::FILE* file) {
    unsigned char magic[3] = {};
    const bool jpeg = std::fread(magic, 1, 3, file) == 3 && magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF;
    std::rewind(file);
    return jpeg;
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
    DecodedJpeg decoded =
        decode_jpeg(JpegInput{.file = file.get(), .bytes = {}}, path.string(), std::max(1, shorter_side_at_least));
    return turn_upright(std::move(decoded.surface), decoded.orientation);
}

}  // namespace bangvang::media
