#pragma once
// Decodes a JPEG already shrunk by libjpeg's DCT scaling (n/8), so that a camera
// original of 4000x3000 never exists in memory at full size: at 1/2 it costs a
// quarter of the pixels and a fraction of the time.
#include <filesystem>
#include <optional>

#include "media/surface.hpp"

namespace bangvang::media {

// The image in ARGB8888, turned upright by its EXIF orientation, at the smallest n/8 scale whose shorter side is still at
// least `shorter_side_at_least` (or the full size when it is smaller). nullopt when
// the file is not a JPEG; throws MediaError when it is one but cannot be decoded.
std::optional<SurfacePtr> load_scaled_jpeg(const std::filesystem::path& path, int shorter_side_at_least);

}  // namespace bangvang::media
