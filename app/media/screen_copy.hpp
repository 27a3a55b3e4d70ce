#pragma once
// Screen-sized copies of media originals. The sync path decodes a photo larger than
// the kiosk's screen once and keeps <media>/<sha256>.screen.jpg (JPEG sources) or
// <sha256>.screen.png (PNG sources, alpha kept) beside the original, so the player
// never decodes a camera original again. The original stays: its sha256 is what the
// manifest names and what verification checks.
#include <array>
#include <filesystem>

#include "core/screen_size.hpp"
#include "media/surface.hpp"

namespace bangvang::media {

using core::ScreenSize;

// Where the copy of `original` is kept: original + ".screen.jpg" or ".screen.png".
std::filesystem::path screen_copy_path(const std::filesystem::path& original, bool png_source);
// Both names, the JPEG one first: what the image library looks for.
std::array<std::filesystem::path, 2> screen_copy_candidates(const std::filesystem::path& original);

// Long side against the screen's long side, short against short (so a portrait photo
// on a landscape screen compares fairly); true when either is larger.
bool larger_than_screen(int width, int height, ScreenSize screen);

// The surface as ARGB8888, shrunk (linear filter) to fit the screen long-to-long and
// short-to-short; returned as it is when it already fits.
SurfacePtr shrink_to_screen(SurfacePtr surface, ScreenSize screen);

}  // namespace bangvang::media
