#pragma once
// Writes an ARGB8888 surface as a baseline JPEG through libjpeg's compressor: the
// screen-sized copies the sync path keeps beside camera originals (no EXIF: the
// pixels are already upright).
#include <filesystem>

#include <SDL.h>

namespace bangvang::media {

inline constexpr int screen_copy_jpeg_quality = 90;

// Throws MediaError naming the file when it cannot be written or encoded. The file is
// flushed but not fsynced: the caller that renames it into place does that.
void save_jpeg(const SDL_Surface& surface, const std::filesystem::path& path, int quality = screen_copy_jpeg_quality);

}  // namespace bangvang::media
