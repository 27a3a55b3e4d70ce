#pragma once
// QR codes of portal URLs, so a citizen can read the whole article on a phone.
#include <memory>
#include <string>
#include <string_view>

#include <qrencode.h>

#include "render/sdl_handles.hpp"

namespace bangvang::render {

struct QrCodeDeleter {
    void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrCodePtr = std::unique_ptr<QRcode, QrCodeDeleter>;

// Modules of white around the code: the standard's minimum for reliable scanning.
inline constexpr int qr_quiet_zone_modules = 4;

// Error correction M, byte mode. Null when the text cannot be encoded (empty, or
// longer than a QR code holds).
QrCodePtr encode_qr(std::string_view text);

// One pixel per module, black on white with the quiet zone; draw it scaled with
// nearest-neighbour filtering (set here) to keep the modules sharp.
// Null when the text cannot be encoded; throws RenderError when SDL fails.
TexturePtr create_qr_texture(SDL_Renderer* renderer, std::string_view text);

// The side of the drawn code in modules, quiet zone included (for layout).
int qr_side_modules(const QRcode& code);

}  // namespace bangvang::render
