#pragma once
// Pictures on their way into a feed: read, turned upright, shrunk to screen size,
// stripped of metadata, and measured (hash, size, pixel size, type).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.hpp"
#include "core/result.hpp"

namespace bangvang::publish {

// The largest screen is 1920x1080 in either orientation: a side longer than this
// only costs download time and texture memory on a Pi.
inline constexpr int default_max_picture_side = 1920;
inline constexpr int default_jpeg_quality = 88;

struct PictureOptions {
    int max_side = default_max_picture_side;
    int jpeg_quality = default_jpeg_quality;
    // Smaller copies for the kiosks' photo boxes (picture_renditions.hpp); off: originals only.
    bool renditions = true;
    // Renditions cut for one screen's box as well (picture_renditions.hpp); off: whole only.
    bool cut_renditions = true;
    // The renditions' JPEG quality; 0: jpeg_quality (bangvang-rendition-bytes compares).
    int rendition_jpeg_quality = 0;
};

struct PreparedMedia {
    core::MediaRef media;
    std::string bytes;        // what goes to FEED/media/<media.sha256>
    int original_width = 0;   // as decoded, before orientation and resizing
    int original_height = 0;
    bool re_encoded = false;  // false: the file is published byte for byte
};

// A file already upright, small enough and free of metadata is kept byte for byte;
// any other is decoded, turned by its EXIF orientation, shrunk with an area average
// to fit within max_side, and re-encoded (JPEG stays JPEG, PNG stays PNG). The result
// depends only on the file's bytes and the options, so building twice gives the same
// media. A file that is missing, too large, or not a decodable JPEG/PNG is a Problem
// whose `where` is the file's path; a file that cannot be read throws PublishError.
core::Result<PreparedMedia> prepare_media_file(const std::filesystem::path& file, const PictureOptions& options);

// The same from bytes already in memory; `where` names them in a Problem.
core::Result<PreparedMedia> prepare_media_bytes(std::string bytes, const std::string& where,
                                                const PictureOptions& options);

// A published picture's bytes (upright, no metadata), cut to `crop` when given, shrunk
// with an area average to exactly width x height and encoded as the same type: a
// rendition. A Problem when the bytes do not decode.
core::Result<std::string> shrink_picture(std::string_view bytes, int width, int height, int jpeg_quality,
                                         const std::optional<core::MediaCrop>& crop = std::nullopt);

// Measures a file as it is (no resizing): for validation of what staff provided.
core::Result<core::MediaRef> describe_media_file(const std::filesystem::path& file);

}  // namespace bangvang::publish
