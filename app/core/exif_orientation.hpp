#pragma once
// The EXIF orientation a camera records instead of turning the pixels, read from JPEG
// bytes. Pure parsing shared by the publisher (turns photos upright when building a
// feed) and the kiosk's decoder (turns a synced photo upright when drawing it).
// Malformed input gives "no orientation", never an error: the picture is then shown
// as stored.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

namespace bangvang::core {

// Calls visit(marker, payload) for every JPEG segment before the image data (SOS),
// stopping early when visit returns false or the segments are damaged.
void for_each_jpeg_segment(std::string_view jpeg_bytes,
                           const std::function<bool(std::uint32_t marker, std::string_view payload)>& visit);

// The orientation (1..8) in an APP1 payload starting "Exif\0\0"; nullopt when it is not
// EXIF or holds no valid orientation tag.
std::optional<int> exif_orientation(std::string_view app1_payload);

// The EXIF orientation tag of a JPEG (1..8, 1 = as stored); 1 when absent or unreadable.
int jpeg_orientation(std::string_view jpeg_bytes);

// Orientations 5..8 turn the picture a quarter: width and height swap.
inline bool orientation_swaps_sides(int orientation) { return orientation >= 5 && orientation <= 8; }

// Where the upright picture's pixel (x, y) is in the stored one, for a stored picture of
// stored_width x stored_height and an orientation 1..8 (others: as stored).
struct PixelPosition {
    int x = 0;
    int y = 0;
};
PixelPosition stored_position(int orientation, int x, int y, int stored_width, int stored_height);

}  // namespace bangvang::core
