#pragma once
// The one libjpeg decode of bangvang: the kiosk's (scaled_jpeg.hpp) and the publisher's
// (publish/media_file.cpp) pictures come out of the same code, so a photo looks the same
// in `preview`, in what `build` re-encodes, and on the screens. Print-shop and Photoshop
// photos are CMYK or YCCK: libjpeg gives their four channels as they are stored, and
// this turns them into RGB, inverted when an Adobe marker says so (Photoshop writes
// 0 = full ink), plain ink amounts when there is none.
#include <cstdio>
#include <string>
#include <string_view>

#include "media/surface.hpp"

namespace bangvang::media {

// Where the JPEG is: an open file (read from its current position) or bytes in memory.
struct JpegInput {
    std::FILE* file = nullptr;
    std::string_view bytes;
};

struct DecodedJpeg {
    SurfacePtr surface;   // ARGB8888, as stored: not yet turned by its EXIF orientation
    int orientation = 1;  // EXIF orientation 1..8 from its APP1 segment (1 when none)
};

// Decodes at the smallest n/8 scale whose shorter side is still at least
// `shorter_side_at_least` (0: full size). Throws MediaError naming `name` when the
// bytes are not a decodable JPEG.
DecodedJpeg decode_jpeg(const JpegInput& input, const std::string& name, int shorter_side_at_least);

}  // namespace bangvang::media
