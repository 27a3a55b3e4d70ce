#pragma once
// Decoded pictures as plain bytes, and the two operations a photo needs before it is
// published: turning it upright (EXIF orientation) and shrinking it with an area
// average, which keeps fine detail without the shimmer of a bilinear shrink. Pure
// and deterministic: the same pixels in give the same pixels out.
#include <cstdint>
#include <vector>

namespace bangvang::publish {

struct PixelImage {
    int width = 0;
    int height = 0;
    int channels = 3;  // 3 = RGB, 4 = RGBA; rows are packed, no padding
    std::vector<std::uint8_t> pixels;
};

struct PixelSize {
    int width = 0;
    int height = 0;
    bool operator==(const PixelSize&) const = default;
};

// The largest size with the same aspect ratio that fits within max_side x max_side;
// the size itself when it already fits. Never smaller than 1x1.
PixelSize fit_within(PixelSize size, int max_side);

// Applies an EXIF orientation (1..8); other values leave the image as it is.
PixelImage apply_orientation(const PixelImage& image, int orientation);

// The `width` x `height` block at (x, y), which must lie inside the image.
PixelImage crop_pixels(const PixelImage& image, int x, int y, int width, int height);

// Each output pixel is the average of the source area it covers (box filter with
// fractional edges). RGBA is averaged premultiplied by alpha, so the colour hidden under
// transparent pixels does not bleed into visible edges. Only shrinks: a target larger
// than the source is returned unchanged.
PixelImage downscale_area(const PixelImage& image, PixelSize target);

}  // namespace bangvang::publish
