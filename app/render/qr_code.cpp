#include "render/qr_code.hpp"

#include <algorithm>

namespace bangvang::render {

namespace {

constexpr int max_qr_version = 40;

QrCodePtr encode_bytes(std::string_view bytes) {
    // QRcode_encodeData reads `size` bytes: byte mode throughout, so the version it
    // picks is the one qr_capacity_bytes reasons about.
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    return QrCodePtr(QRcode_encodeData(static_cast<int>(bytes.size()), data, 0, QR_ECLEVEL_L));
}

}  // namespace

QrCodePtr encode_qr(std::string_view text) {
    if (text.empty()) return nullptr;
    return encode_bytes(text);
}

int qr_side_modules(const QRcode& code) { return code.width + 2 * qr_quiet_zone_modules; }

std::size_t qr_capacity_bytes(int side_pixels) {
    const int modules = side_pixels / qr_min_pixels_per_module - 2 * qr_quiet_zone_modules;
    const int version = std::min(max_qr_version, (modules - 17) / 4);  // a version-v code is 17 + 4v modules wide
    if (modules < 21 || version < 1) return 0;
    // libqrencode knows the capacities; ask it rather than copy the standard's table.
    // The largest length whose code is still of `version` or below, by bisection.
    const std::string filler(3000, 'a');  // more than a version-40 code holds at L (2953)
    std::size_t fits = 0;
    std::size_t too_long = filler.size();
    while (too_long - fits > 1) {
        const std::size_t middle = (fits + too_long) / 2;
        const QrCodePtr code = encode_bytes(std::string_view(filler).substr(0, middle));
        if (code && code->version <= version) fits = middle;
        else too_long = middle;
    }
    return fits;
}

TexturePtr create_qr_texture(SDL_Renderer* renderer, std::string_view text) {
    QrCodePtr code = encode_qr(text);
    if (!code) return nullptr;
    const int side = qr_side_modules(*code);
    SurfacePtr surface = create_rgba_surface(side, side);
    SDL_FillRect(surface.get(), nullptr, SDL_MapRGBA(surface->format, 255, 255, 255, 255));
    const Uint32 dark = SDL_MapRGBA(surface->format, 0, 0, 0, 255);
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            // Bit 0 of each libqrencode module byte is "dark".
            if ((code->data[y * code->width + x] & 1) == 0) continue;
            SDL_Rect module{x + qr_quiet_zone_modules, y + qr_quiet_zone_modules, 1, 1};
            SDL_FillRect(surface.get(), &module, dark);
        }
    }
    TexturePtr texture = create_texture_from_surface(renderer, surface.get());
    SDL_SetTextureScaleMode(texture.get(), SDL_ScaleModeNearest);
    return texture;
}

}  // namespace bangvang::render
