#pragma once
// QR codes of portal URLs, so a citizen can read the whole article on a phone.
#include <cstddef>
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

// Below 4 screen pixels a module, phones fail on the 7" panel (one pixel a module
// there decoded for nobody): every code is drawn at least this large.
inline constexpr int qr_min_pixels_per_module = 4;

// Error correction L, byte mode: a screen is not a dirty, torn poster, and L holds the
// most bytes per module, so the modules stay large. Null when the text cannot be
// encoded (empty, or longer than a QR code holds).
QrCodePtr encode_qr(std::string_view text);

// One pixel per module, black on white with the quiet zone; draw it scaled by a whole
// number with nearest-neighbour filtering (set here) to keep the modules sharp.
// Null when the text cannot be encoded; throws RenderError when SDL fails.
TexturePtr create_qr_texture(SDL_Renderer* renderer, std::string_view text);

// The side of the drawn code in modules, quiet zone included (for layout).
int qr_side_modules(const QRcode& code);

// The most bytes a code may hold (byte mode, level L, as encode_qr makes it) and still
// fit, quiet zone included, in a square of `side_pixels` at qr_min_pixels_per_module.
// 0 when not even a version-1 code fits.
std::size_t qr_capacity_bytes(int side_pixels);

}  // namespace bangvang::render
