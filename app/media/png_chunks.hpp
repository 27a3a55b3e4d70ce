#pragma once
// A PNG's chunk lengths, checked before libpng sees the file. libpng passes over a chunk
// it does not use by reading and checksumming as many bytes as the chunk's length says,
// and SDL_image's reader ignores a short read: a 344-byte PNG whose pHYs claimed
// 754 974 729 bytes kept a decode busy for over ten minutes (found by fuzz_media_check).
// So every chunk up to IEND must fit in what follows it, and IEND must come: past the
// last whole chunk libpng would read a chunk header from whatever its buffer held (a
// 117-byte PNG ending 4 bytes after its gAMA chunk hung the same way). Reads the 8-byte
// chunk headers only; what follows IEND is left alone.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace bangvang::media {

// Why the PNG in `bytes` must not be decoded ("PNG chunk "pHYs" at byte 64 says it holds
// 754974729 bytes, but only 268 follow"), or nothing (also when it is not a PNG at all).
std::optional<std::string> png_chunk_problem(std::string_view bytes);
// The same for a file, read chunk header by chunk header (nothing when it cannot be opened).
std::optional<std::string> png_file_chunk_problem(const std::filesystem::path& file);

}  // namespace bangvang::media
