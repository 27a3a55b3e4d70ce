#include "media/png_chunks.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <functional>
#include <system_error>

namespace bangvang::media {

namespace {

using ChunkHeader = std::array<unsigned char, 8>;  // length (big-endian), type
constexpr std::uintmax_t signature_size = 8;

// Walks the chunks of a PNG of `size` bytes; `read_header` reads the 8 bytes at an offset.
std::optional<std::string> chunk_problem(std::uintmax_t size,
                                         const std::function<bool(std::uintmax_t, ChunkHeader&)>& read_header) {
    ChunkHeader header{};
    static constexpr ChunkHeader png_signature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (size < signature_size || !read_header(0, header) || header != png_signature) return std::nullopt;  // not a PNG
    std::uintmax_t at = signature_size;
    while (at + 12 <= size) {  // length, type, data, CRC
        if (!read_header(at, header)) return "PNG cannot be read at byte " + std::to_string(at);
        std::uintmax_t length = 0;
        for (int index = 0; index < 4; ++index) length = (length << 8) | header[static_cast<std::size_t>(index)];
        // Types are four ASCII letters; anything else is shown as "?", so that the message
        // stays valid UTF-8 wherever it goes (logs, the status file, reports as JSON).
        std::string type(header.begin() + 4, header.end());
        for (char& letter : type) {
            if (!((letter >= 'A' && letter <= 'Z') || (letter >= 'a' && letter <= 'z'))) letter = '?';
        }
        if (length > size - at - 12) {
            return "PNG chunk \"" + type + "\" at byte " + std::to_string(at) + " says it holds " + std::to_string(length) +
                   " bytes, but only " + std::to_string(size - at - 12) + " follow";
        }
        if (type == "IEND") return std::nullopt;
        at += 12 + length;
    }
    // libpng would read the next chunk header past the end, from whatever its buffer held.
    return "PNG is cut short: it ends at byte " + std::to_string(size) + " without an IEND chunk";
}

}  // namespace

std::optional<std::string> png_chunk_problem(std::string_view bytes) {
    return chunk_problem(bytes.size(), [&](std::uintmax_t at, ChunkHeader& header) {
        std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(at), header.size(), header.begin());
        return true;
    });
}

std::optional<std::string> png_file_chunk_problem(const std::filesystem::path& file) {
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(file, error);
    std::ifstream input(file, std::ios::binary);
    if (error || !input) return std::nullopt;  // the decoder says why it cannot be read
    return chunk_problem(size, [&](std::uintmax_t at, ChunkHeader& header) {
        input.seekg(static_cast<std::streamoff>(at));
        input.read(reinterpret_cast<char*>(header.data()), static_cast<std::streamsize>(header.size()));
        return static_cast<std::size_t>(input.gcount()) == header.size();
    });
}

}  // namespace bangvang::media
