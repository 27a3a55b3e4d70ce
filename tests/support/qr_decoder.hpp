#pragma once
// Reading QR codes back from drawn pixels with a real decoder (zbar, Debian's
// libzbar-dev), as a phone's camera app would from a sharp photo of the screen.
#include <cstdint>
#include <string>
#include <vector>

namespace bangvang::testing {

// Every QR code zbar finds in an ARGB8888 picture, its text as decoded.
std::vector<std::string> decode_qr_codes(const std::vector<std::uint32_t>& argb_pixels, int width, int height);

}  // namespace bangvang::testing
