#include "core/exif_orientation.hpp"

namespace bangvang::core {

namespace {

std::uint32_t byte_at(std::string_view bytes, std::size_t offset) {
    return static_cast<unsigned char>(bytes[offset]);
}

std::optional<std::uint32_t> read_unsigned(std::string_view bytes, std::size_t offset, std::size_t width,
                                           bool big_endian) {
    if (offset > bytes.size() || bytes.size() - offset < width) return std::nullopt;
    std::uint32_t value = 0;
    for (std::size_t index = 0; index < width; ++index) {
        const std::size_t position = big_endian ? offset + index : offset + width - 1 - index;
        value = (value << 8) | byte_at(bytes, position);
    }
    return value;
}

}  // namespace

void for_each_jpeg_segment(std::string_view bytes,
                           const std::function<bool(std::uint32_t marker, std::string_view payload)>& visit) {
    if (!bytes.starts_with("\xFF\xD8")) return;
    std::size_t offset = 2;
    while (offset + 4 <= bytes.size()) {
        if (byte_at(bytes, offset) != 0xFF) return;
        const std::uint32_t marker = byte_at(bytes, offset + 1);
        if (marker == 0xFF) {  // fill byte
            ++offset;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9) return;  // start of scan, end of image
        const auto length = read_unsigned(bytes, offset + 2, 2, true);
        if (!length || *length < 2 || offset + 2 + *length > bytes.size()) return;
        if (!visit(marker, bytes.substr(offset + 4, *length - 2))) return;
        offset += 2 + *length;
    }
}

// A TIFF header, then IFD0's entries; the orientation is tag 0x0112, a SHORT.
std::optional<int> exif_orientation(std::string_view payload) {
    if (!payload.starts_with(std::string_view("Exif\0\0", 6))) return std::nullopt;
    const std::string_view tiff = payload.substr(6);
    if (tiff.size() < 8) return std::nullopt;
    bool big_endian = false;
    if (tiff.starts_with("MM")) {
        big_endian = true;
    } else if (!tiff.starts_with("II")) {
        return std::nullopt;
    }
    if (read_unsigned(tiff, 2, 2, big_endian) != 42u) return std::nullopt;
    const auto directory = read_unsigned(tiff, 4, 4, big_endian);
    if (!directory) return std::nullopt;
    const auto entries = read_unsigned(tiff, *directory, 2, big_endian);
    if (!entries) return std::nullopt;
    for (std::uint32_t entry = 0; entry < *entries; ++entry) {
        const std::size_t at = *directory + 2 + std::size_t{entry} * 12;
        const auto tag = read_unsigned(tiff, at, 2, big_endian);
        if (!tag) return std::nullopt;
        if (*tag != 0x0112) continue;
        const auto type = read_unsigned(tiff, at + 2, 2, big_endian);
        const auto value = read_unsigned(tiff, at + 8, 2, big_endian);  // SHORT, left-justified
        if (type != 3u || !value || *value < 1 || *value > 8) return std::nullopt;
        return static_cast<int>(*value);
    }
    return std::nullopt;
}

int jpeg_orientation(std::string_view jpeg_bytes) {
    int orientation = 1;
    for_each_jpeg_segment(jpeg_bytes, [&](std::uint32_t marker, std::string_view payload) {
        if (marker != 0xE1) return true;
        if (const auto found = exif_orientation(payload)) {
            orientation = *found;
            return false;
        }
        return true;
    });
    return orientation;
}

PixelPosition stored_position(int orientation, int x, int y, int stored_width, int stored_height) {
    switch (orientation) {
        case 2: return {stored_width - 1 - x, y};                       // mirrored left-right
        case 3: return {stored_width - 1 - x, stored_height - 1 - y};   // turned half
        case 4: return {x, stored_height - 1 - y};                      // mirrored top-bottom
        case 5: return {y, x};                                          // transposed
        case 6: return {y, stored_height - 1 - x};                      // to show, turn a quarter clockwise
        case 7: return {stored_width - 1 - y, stored_height - 1 - x};   // transversed
        case 8: return {stored_width - 1 - y, x};                       // to show, turn a quarter anticlockwise
        default: return {x, y};
    }
}

}  // namespace bangvang::core
