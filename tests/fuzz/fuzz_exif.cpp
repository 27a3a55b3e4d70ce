// EXIF orientation read from a JPEG's bytes (publisher and kiosk decoder both use it):
// any bytes give 1..8, and every segment the walker hands out lies inside the input.
#include <cstdlib>

#include "core/exif_orientation.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bangvang;
    const std::string_view bytes = fuzz::as_text(data, size);
    const int orientation = core::jpeg_orientation(bytes);
    if (orientation < 1 || orientation > 8) std::abort();
    core::for_each_jpeg_segment(bytes, [&](std::uint32_t, std::string_view payload) {
        if (!payload.empty() && (payload.data() < bytes.data() || payload.data() + payload.size() > bytes.data() + bytes.size()))
            std::abort();
        if (const auto in_app1 = core::exif_orientation(payload); in_app1 && (*in_app1 < 1 || *in_app1 > 8)) std::abort();
        return true;
    });
    // The pixel mapping stays inside the stored picture for every orientation.
    const auto position = core::stored_position(orientation, 2, 1, 5, 3);
    // (2, 1) is inside the upright picture whichever way it is turned (5x3 or 3x5).
    if (position.x < 0 || position.y < 0 || position.x >= 5 || position.y >= 3) std::abort();
    return 0;
}
