#pragma once
// Is a downloaded media file really an image the kiosk can draw? The header is read
// first, so that an image claiming huge dimensions (a 65535x65535 JPEG: 16 GiB of
// pixels) is refused before any decoder allocates for it; then it is decoded once.
// The same check runs on a file (the sync thread's downloads) or on bytes in memory
// (the media_check fuzz target, which would otherwise write a file for every input):
// only where the decoders read from differs.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.hpp"

namespace bangvang::media {

inline constexpr int max_image_side_pixels = 16384;          // as core::max_image_side
inline constexpr std::int64_t max_image_pixels = 40'000'000;  // ~160 MiB decoded as RGBA

struct ImageHeader {
    std::string mime_type;  // "image/png" or "image/jpeg"
    int width = 0;
    int height = 0;
};

// Reads the PNG IHDR or the JPEG SOFn marker; nullopt with `reason` set when the
// bytes are neither or the header is damaged.
std::optional<ImageHeader> read_image_header(const std::filesystem::path& file, std::string& reason);
// The same from bytes in memory (as from a file, only their first MiB is looked at).
std::optional<ImageHeader> read_image_header_from_bytes(std::string_view bytes, std::string& reason);

// nullopt when the file is an acceptable image of the listed type; otherwise the reason.
std::optional<std::string> check_image_file(const std::filesystem::path& file, const core::MediaRef& listed);
// The same check of bytes in memory, with the same answers.
std::optional<std::string> check_image_bytes(std::string_view bytes, const core::MediaRef& listed);

}  // namespace bangvang::media
