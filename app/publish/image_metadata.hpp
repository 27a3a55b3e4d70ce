#pragma once
// What a picture file says about itself beyond its pixels: the EXIF orientation a
// camera records instead of turning the pixels, and whether it carries metadata
// (EXIF with GPS position and camera serial, XMP, comments) that must not reach a
// public screen feed. Pure: bytes in, answers out; malformed files give the defaults.
#include <string_view>

#include "core/exif_orientation.hpp"

namespace bangvang::publish {

// The EXIF orientation tag of a JPEG (1..8, 1 = as stored); 1 when absent or unreadable.
// Parsed in core, where the kiosk's decoder reads it too.
using core::jpeg_orientation;

// True when a JPEG holds APP1..APP15 or COM segments, or a PNG holds text, time or
// EXIF chunks: such files are re-encoded so the metadata is dropped.
bool carries_metadata(std::string_view picture_bytes);

}  // namespace bangvang::publish
