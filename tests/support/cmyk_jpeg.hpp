#pragma once
// CMYK and YCCK JPEGs as print shops and Photoshop write them, made with libjpeg in the
// test itself (no binary fixture): the top half one colour, the bottom half another.
// Adobe CMYK stores inverted inks (0 = full ink) behind an Adobe APP14 marker; plain
// CMYK (no marker) stores ink amounts; Adobe YCCK is inverted CMYK turned into YCCK.
#include <jpeglib.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <vector>

namespace bangvang::testing {

enum class CmykJpeg { adobe_cmyk, plain_cmyk, adobe_ycck };
using Rgb = std::array<std::uint8_t, 3>;

inline constexpr Rgb test_red{212, 35, 34};
inline constexpr Rgb test_yellow{245, 205, 20};

// The inks (0 = none, 255 = full) that print `rgb` under the naive model the decoder inverts.
inline std::array<std::uint8_t, 4> inks_of(Rgb rgb) {
    const int brightest = std::max({rgb[0], rgb[1], rgb[2]});
    const int key = 255 - brightest;
    std::array<std::uint8_t, 4> inks{0, 0, 0, static_cast<std::uint8_t>(key)};
    if (brightest == 0) return inks;
    for (int channel = 0; channel < 3; ++channel) {
        inks[static_cast<std::size_t>(channel)] =
            static_cast<std::uint8_t>(255 - (rgb[static_cast<std::size_t>(channel)] * 255 + brightest / 2) / brightest);
    }
    return inks;
}

inline void write_cmyk_jpeg(const std::filesystem::path& file, CmykJpeg kind, int width, int height, Rgb top = test_red,
                            Rgb bottom = test_yellow) {
    std::filesystem::create_directories(file.parent_path());
    struct Closer {
        void operator()(std::FILE* opened) const { std::fclose(opened); }
    };
    std::unique_ptr<std::FILE, Closer> out(std::fopen(file.c_str(), "wb"));
    if (!out) throw std::runtime_error("cannot write " + file.string());
    jpeg_compress_struct info{};
    jpeg_error_mgr errors{};
    info.err = jpeg_std_error(&errors);  // a test: libjpeg's default exit on error is fine
    jpeg_create_compress(&info);
    jpeg_stdio_dest(&info, out.get());
    info.image_width = static_cast<JDIMENSION>(width);
    info.image_height = static_cast<JDIMENSION>(height);
    info.input_components = 4;
    info.in_color_space = JCS_CMYK;
    jpeg_set_defaults(&info);
    jpeg_set_colorspace(&info, kind == CmykJpeg::adobe_ycck ? JCS_YCCK : JCS_CMYK);
    info.write_Adobe_marker = kind == CmykJpeg::plain_cmyk ? FALSE : TRUE;
    jpeg_set_quality(&info, 92, TRUE);
    jpeg_start_compress(&info, TRUE);
    const bool inverted = kind != CmykJpeg::plain_cmyk;
    std::vector<JSAMPLE> row(static_cast<std::size_t>(width) * 4);
    while (info.next_scanline < info.image_height) {
        const auto inks = inks_of(info.next_scanline < info.image_height / 2 ? top : bottom);
        for (std::size_t x = 0; x < static_cast<std::size_t>(width); ++x) {
            for (std::size_t channel = 0; channel < 4; ++channel) {
                row[x * 4 + channel] = static_cast<JSAMPLE>(inverted ? 255 - inks[channel] : inks[channel]);
            }
        }
        JSAMPROW pointer = row.data();
        jpeg_write_scanlines(&info, &pointer, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
}

// Whether two colours are within `tolerance` on every channel (JPEG is lossy).
inline bool near_rgb(Rgb seen, Rgb expected, int tolerance = 14) {
    for (std::size_t channel = 0; channel < 3; ++channel) {
        if (std::abs(int(seen[channel]) - int(expected[channel])) > tolerance) return false;
    }
    return true;
}

}  // namespace bangvang::testing
