#include "publish/image_metadata.hpp"

#include <array>
#include <cstdint>
#include <optional>

namespace bangvang::publish {

namespace {

std::optional<std::uint32_t> read_big_endian_32(std::string_view bytes, std::size_t offset) {
    if (offset > bytes.size() || bytes.size() - offset < 4) return std::nullopt;
    std::uint32_t value = 0;
    for (std::size_t index = 0; index < 4; ++index) value = (value << 8) | static_cast<unsigned char>(bytes[offset + index]);
    return value;
}

bool png_carries_metadata(std::string_view bytes) {
    constexpr std::array<std::string_view, 5> metadata_chunks{"tEXt", "zTXt", "iTXt", "tIME", "eXIf"};
    std::size_t offset = 8;
    while (offset + 8 <= bytes.size()) {
        const auto length = read_big_endian_32(bytes, offset);
        if (!length) return false;
        const std::string_view type = bytes.substr(offset + 4, 4);
        for (std::string_view chunk : metadata_chunks) {
            if (type == chunk) return true;
        }
        if (type == "IEND") return false;
        offset += 12 + std::size_t{*length};
    }
    return false;
}

}  // namespace

bool carries_metadata(std::string_view picture_bytes) {
    if (picture_bytes.starts_with("\x89PNG\r\n\x1A\n")) return png_carries_metadata(picture_bytes);
    bool found = false;
    core::for_each_jpeg_segment(picture_bytes, [&](std::uint32_t marker, std::string_view) {
        // APP0 is JFIF/JFXX (no personal data); APP14 is Adobe's colour transform, needed to decode.
        found = (marker >= 0xE1 && marker <= 0xEF && marker != 0xEE) || marker == 0xFE;
        return !found;
    });
    return found;
}

}  // namespace bangvang::publish
