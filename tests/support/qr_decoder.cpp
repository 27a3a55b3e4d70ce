#include "support/qr_decoder.hpp"

#include <memory>

#include <zbar.h>

namespace bangvang::testing {

// zbar.h puts its C API in namespace zbar when compiled as C++.
using namespace zbar;

namespace {

struct ScannerDeleter {
    void operator()(zbar_image_scanner_t* scanner) const { zbar_image_scanner_destroy(scanner); }
};
struct ImageDeleter {
    void operator()(zbar_image_t* image) const { zbar_image_destroy(image); }
};

}  // namespace

std::vector<std::string> decode_qr_codes(const std::vector<std::uint32_t>& argb_pixels, int width, int height) {
    // zbar reads 8-bit grey ("Y800"): the luma of each pixel.
    std::vector<unsigned char> grey(argb_pixels.size());
    for (std::size_t index = 0; index < argb_pixels.size(); ++index) {
        const std::uint32_t pixel = argb_pixels[index];
        const unsigned red = (pixel >> 16) & 0xFF, green = (pixel >> 8) & 0xFF, blue = pixel & 0xFF;
        grey[index] = static_cast<unsigned char>((299 * red + 587 * green + 114 * blue) / 1000);
    }
    std::unique_ptr<zbar_image_scanner_t, ScannerDeleter> scanner(zbar_image_scanner_create());
    zbar_image_scanner_set_config(scanner.get(), ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner.get(), ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    std::unique_ptr<zbar_image_t, ImageDeleter> image(zbar_image_create());
    zbar_image_set_format(image.get(), zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(image.get(), static_cast<unsigned>(width), static_cast<unsigned>(height));
    zbar_image_set_data(image.get(), grey.data(), grey.size(), nullptr);  // `grey` outlives the image
    std::vector<std::string> texts;
    if (zbar_scan_image(scanner.get(), image.get()) <= 0) return texts;
    for (const zbar_symbol_t* symbol = zbar_image_first_symbol(image.get()); symbol;
         symbol = zbar_symbol_next(symbol)) {
        texts.emplace_back(zbar_symbol_get_data(symbol), zbar_symbol_get_data_length(symbol));
    }
    return texts;
}

}  // namespace bangvang::testing
