#include "render/qr_code.hpp"

namespace bangvang::render {

QrCodePtr encode_qr(std::string_view text) {
    if (text.empty()) return nullptr;
    std::string terminated(text);
    return QrCodePtr(QRcode_encodeString(terminated.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
}

int qr_side_modules(const QRcode& code) { return code.width + 2 * qr_quiet_zone_modules; }

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
