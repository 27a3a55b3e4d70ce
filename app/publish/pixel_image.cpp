#include "publish/pixel_image.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace bangvang::publish {

namespace {

struct Tap {
    int source = 0;
    float weight = 0;
};

// For every output index, the source indices it covers and how much of each.
std::vector<std::vector<Tap>> area_taps(int source_length, int target_length) {
    std::vector<std::vector<Tap>> taps(static_cast<std::size_t>(target_length));
    const double scale = static_cast<double>(source_length) / target_length;
    for (int output = 0; output < target_length; ++output) {
        const double begin = output * scale;
        const double end = std::min<double>((output + 1) * scale, source_length);
        auto& list = taps[static_cast<std::size_t>(output)];
        for (int source = static_cast<int>(std::floor(begin)); source < end; ++source) {
            const double covered = std::min<double>(source + 1, end) - std::max<double>(source, begin);
            if (covered > 0) list.push_back({source, static_cast<float>(covered / scale)});
        }
    }
    return taps;
}

std::uint8_t to_byte(float value) {
    return static_cast<std::uint8_t>(std::clamp(std::lround(value), 0L, 255L));
}

}  // namespace

PixelSize fit_within(PixelSize size, int max_side) {
    const int longest = std::max(size.width, size.height);
    if (longest <= max_side || longest <= 0) return size;
    const double scale = static_cast<double>(max_side) / longest;
    return {std::max(1, static_cast<int>(std::lround(size.width * scale))),
            std::max(1, static_cast<int>(std::lround(size.height * scale)))};
}

PixelImage apply_orientation(const PixelImage& image, int orientation) {
    if (orientation < 2 || orientation > 8) return image;
    const int width = image.width;
    const int height = image.height;
    const bool swaps = orientation >= 5;
    PixelImage turned{.width = swaps ? height : width,
                      .height = swaps ? width : height,
                      .channels = image.channels,
                      .pixels = std::vector<std::uint8_t>(image.pixels.size())};
    const auto channels = static_cast<std::size_t>(image.channels);
    for (int y = 0; y < turned.height; ++y) {
        for (int x = 0; x < turned.width; ++x) {
            int source_x = x;
            int source_y = y;
            switch (orientation) {
                case 2: source_x = width - 1 - x; break;
                case 3: source_x = width - 1 - x; source_y = height - 1 - y; break;
                case 4: source_y = height - 1 - y; break;
                case 5: source_x = y; source_y = x; break;
                case 6: source_x = y; source_y = height - 1 - x; break;
                case 7: source_x = width - 1 - y; source_y = height - 1 - x; break;
                case 8: source_x = width - 1 - y; source_y = x; break;
                default: break;
            }
            const std::size_t from = (static_cast<std::size_t>(source_y) * width + source_x) * channels;
            const std::size_t to = (static_cast<std::size_t>(y) * turned.width + x) * channels;
            std::copy_n(image.pixels.begin() + static_cast<std::ptrdiff_t>(from), channels,
                        turned.pixels.begin() + static_cast<std::ptrdiff_t>(to));
        }
    }
    return turned;
}

PixelImage crop_pixels(const PixelImage& image, int x, int y, int width, int height) {
    PixelImage part{.width = width, .height = height, .channels = image.channels, .pixels = {}};
    const auto row_bytes = static_cast<std::size_t>(width) * image.channels;
    part.pixels.resize(row_bytes * height);
    for (int row = 0; row < height; ++row) {
        const auto from = (static_cast<std::size_t>(y + row) * image.width + x) * image.channels;
        std::copy_n(image.pixels.begin() + static_cast<std::ptrdiff_t>(from), row_bytes,
                    part.pixels.begin() + static_cast<std::ptrdiff_t>(row * row_bytes));
    }
    return part;
}

PixelImage downscale_area(const PixelImage& image, PixelSize target) {
    if (target.width <= 0 || target.height <= 0 || target.width > image.width || target.height > image.height ||
        (target.width == image.width && target.height == image.height)) {
        return image;
    }
    const auto channels = static_cast<std::size_t>(image.channels);
    const auto columns = area_taps(image.width, target.width);
    const auto rows = area_taps(image.height, target.height);

    // With alpha, colours are averaged premultiplied (weighted by their opacity), else
    // the invisible colour of transparent pixels (often black) bleeds into the edges.
    const bool premultiply = channels == 4;
    // Horizontal pass into floats, then vertical pass into bytes.
    std::vector<float> narrow(static_cast<std::size_t>(target.width) * image.height * channels);
    for (int y = 0; y < image.height; ++y) {
        const std::uint8_t* source_row = image.pixels.data() + static_cast<std::size_t>(y) * image.width * channels;
        float* out_row = narrow.data() + static_cast<std::size_t>(y) * target.width * channels;
        for (int x = 0; x < target.width; ++x) {
            float* out_pixel = out_row + static_cast<std::size_t>(x) * channels;
            for (const Tap& tap : columns[static_cast<std::size_t>(x)]) {
                const std::uint8_t* pixel = source_row + static_cast<std::size_t>(tap.source) * channels;
                if (premultiply) {
                    const float opacity = static_cast<float>(pixel[3]) / 255.0f;
                    for (std::size_t channel = 0; channel < 3; ++channel) {
                        out_pixel[channel] += tap.weight * opacity * pixel[channel];
                    }
                    out_pixel[3] += tap.weight * pixel[3];
                } else {
                    for (std::size_t channel = 0; channel < channels; ++channel) {
                        out_pixel[channel] += tap.weight * pixel[channel];
                    }
                }
            }
        }
    }
    PixelImage scaled{.width = target.width,
                      .height = target.height,
                      .channels = image.channels,
                      .pixels = std::vector<std::uint8_t>(static_cast<std::size_t>(target.width) * target.height *
                                                          channels)};
    const std::size_t row_length = static_cast<std::size_t>(target.width) * channels;
    std::vector<float> sum(row_length);
    for (int y = 0; y < target.height; ++y) {
        std::fill(sum.begin(), sum.end(), 0.0f);
        for (const Tap& tap : rows[static_cast<std::size_t>(y)]) {
            const float* source_row = narrow.data() + static_cast<std::size_t>(tap.source) * row_length;
            for (std::size_t index = 0; index < row_length; ++index) sum[index] += tap.weight * source_row[index];
        }
        std::uint8_t* out_row = scaled.pixels.data() + static_cast<std::size_t>(y) * row_length;
        if (!premultiply) {
            for (std::size_t index = 0; index < row_length; ++index) out_row[index] = to_byte(sum[index]);
            continue;
        }
        for (std::size_t index = 0; index < row_length; index += 4) {
            const float alpha = sum[index + 3];
            const std::uint8_t alpha_byte = to_byte(alpha);
            // Un-premultiply; a pixel that ends fully transparent has no colour to keep.
            for (std::size_t channel = 0; channel < 3; ++channel) {
                out_row[index + channel] = alpha_byte == 0 ? 0 : to_byte(sum[index + channel] * 255.0f / alpha);
            }
            out_row[index + 3] = alpha_byte;
        }
    }
    return scaled;
}

}  // namespace bangvang::publish
