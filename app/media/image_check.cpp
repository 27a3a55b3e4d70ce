#include "media/image_check.hpp"

#include <SDL_image.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdio>
#include <fstream>
#include <span>
#include <vector>

#include "media/jpeg_decoder.hpp"
#include "media/jpeg_handling.hpp"
#include "media/png_chunks.hpp"
#include "media/surface.hpp"

namespace bangvang::media {

namespace {

constexpr std::array<unsigned char, 8> png_signature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
// JPEG headers sit at the start; give up past this many bytes (EXIF thumbnails can be large).
constexpr std::size_t max_jpeg_header_scan = 1024 * 1024;

using Bytes = std::span<const unsigned char>;

unsigned big_endian(Bytes bytes, std::size_t at, std::size_t count) {
    unsigned value = 0;
    for (std::size_t index = 0; index < count; ++index) value = (value << 8) | bytes[at + index];
    return value;
}

std::optional<ImageHeader> read_png_header(Bytes bytes, std::string& reason) {
    // Signature, then the IHDR chunk: length (4), "IHDR", width (4), height (4).
    if (bytes.size() < 24 || std::string(bytes.begin() + 12, bytes.begin() + 16) != "IHDR") {
        reason = "PNG without an IHDR chunk at its start";
        return std::nullopt;
    }
    const unsigned width = big_endian(bytes, 16, 4);
    const unsigned height = big_endian(bytes, 20, 4);
    if (width > 0x7fffffff || height > 0x7fffffff) {
        reason = "PNG header gives impossible dimensions";
        return std::nullopt;
    }
    return ImageHeader{"image/png", static_cast<int>(width), static_cast<int>(height)};
}

// Reads markers as libjpeg's next_marker() does, so that this check accepts what the
// decoder will decode and sees the same frame header it will use: bytes other than 0xFF
// between segments are skipped (libjpeg warns "extraneous bytes before marker" and goes
// on: a segment whose length is one short, a comment followed by junk), as are fill
// bytes and stuffed FF 00 pairs. The size limit below still applies to that frame
// header, before anything is decoded.
std::optional<ImageHeader> read_jpeg_header(Bytes bytes, std::string& reason) {
    std::size_t at = 2;  // past SOI
    while (at + 4 <= bytes.size()) {
        if (bytes[at] != 0xFF) {  // extraneous bytes: on to the next 0xFF
            ++at;
            continue;
        }
        const unsigned char marker = bytes[at + 1];
        if (marker == 0xFF) {  // fill byte
            ++at;
            continue;
        }
        if (marker == 0x00) {  // a stuffed zero: data, not a marker
            at += 2;
            continue;
        }
        if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
            at += 2;
            continue;
        }
        const unsigned length = big_endian(bytes, at + 2, 2);
        const bool start_of_frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (start_of_frame) {
            if (at + 9 > bytes.size()) break;
            const unsigned height = big_endian(bytes, at + 5, 2);
            const unsigned width = big_endian(bytes, at + 7, 2);
            return ImageHeader{"image/jpeg", static_cast<int>(width), static_cast<int>(height)};
        }
        if (marker == 0xD9 || marker == 0xDA) break;  // end of image or scan data before any frame header
        if (length < 2) {
            reason = "JPEG segment with an impossible length";
            return std::nullopt;
        }
        at += 2 + length;
    }
    reason = "JPEG without a frame header (SOF) in its first " + std::to_string(max_jpeg_header_scan) + " bytes";
    return std::nullopt;
}

// The PNG signature or JPEG SOI, then that format's header.
std::optional<ImageHeader> header_of(Bytes bytes, std::string& reason) {
    if (bytes.size() >= 8 && std::equal(png_signature.begin(), png_signature.end(), bytes.begin())) {
        return read_png_header(bytes, reason);
    }
    if (bytes.size() >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) return read_jpeg_header(bytes, reason);
    reason = "is neither a PNG nor a JPEG";
    return std::nullopt;
}

// Where the image to decode is: its file, or bytes in memory when `file` is null.
struct ImageSource {
    const std::filesystem::path* file = nullptr;
    std::string_view bytes;
    std::string name() const { return file ? file->string() : std::string("in memory"); }
};

// One decode, by the decoders the kiosk draws with.
std::optional<std::string> decode_problem(const ImageSource& source, const ImageHeader& header) {
    if (header.mime_type == "image/jpeg") {
        // Through the kiosk's own JPEG decoder (libjpeg, as tolerant as it is), at its
        // smallest DCT scale: every byte of the entropy-coded data is still read.
        jpeg_handling::FilePtr file;
        JpegInput input{.file = nullptr, .bytes = source.bytes};
        if (source.file) {
            file.reset(std::fopen(source.file->c_str(), "rb"));
            if (!file) return "image does not decode: cannot be opened";
            input.file = file.get();
        }
        try {
            (void)decode_jpeg(input, source.name(), 1);
        } catch (const MediaError& error) {
            return std::string("image does not decode: ") + error.what();
        }
        return std::nullopt;
    }
    if (!source.file && source.bytes.size() > static_cast<std::size_t>(INT_MAX)) return "image does not decode: over 2 GiB";
    if (auto problem = source.file ? png_file_chunk_problem(*source.file) : png_chunk_problem(source.bytes)) {
        return "image does not decode: " + *problem;
    }
    SDL_RWops* stream = source.file ? SDL_RWFromFile(source.file->c_str(), "rb")
                                    : SDL_RWFromConstMem(source.bytes.data(), static_cast<int>(source.bytes.size()));
    const SurfacePtr decoded(stream ? IMG_Load_RW(stream, 1) : nullptr);
    if (!decoded) return std::string("image does not decode: ") + IMG_GetError();
    return std::nullopt;
}

std::optional<std::string> check_image(const ImageSource& source, const std::optional<ImageHeader>& header,
                                       const std::string& reason, const core::MediaRef& listed) {
    if (!header) return "not an image: " + reason;
    if (header->mime_type != listed.mime_type) {
        return "is a " + header->mime_type + " but the manifest lists " + listed.mime_type;
    }
    const std::string size_text = std::to_string(header->width) + "x" + std::to_string(header->height);
    if (header->width <= 0 || header->height <= 0) return "image header gives an empty size " + size_text;
    if (header->width > max_image_side_pixels || header->height > max_image_side_pixels ||
        static_cast<std::int64_t>(header->width) * header->height > max_image_pixels) {
        return "image of " + size_text + " pixels is larger than the kiosk decodes (at most " +
               std::to_string(max_image_side_pixels) + " a side and " + std::to_string(max_image_pixels) +
               " pixels); refused before decoding";
    }
    return decode_problem(source, *header);
}

}  // namespace

std::optional<ImageHeader> read_image_header(const std::filesystem::path& file, std::string& reason) {
    std::ifstream input(file, std::ios::binary);
    if (!input) {
        reason = "cannot be opened";
        return std::nullopt;
    }
    // Only as many bytes as the file holds: a 1 MiB buffer zeroed for every small file
    // cost more than the check itself (70 % of the media fuzz target's time).
    std::error_code size_error;
    const std::uintmax_t file_size = std::filesystem::file_size(file, size_error);
    std::vector<unsigned char> bytes(size_error ? max_jpeg_header_scan
                                                : static_cast<std::size_t>(std::min<std::uintmax_t>(file_size, max_jpeg_header_scan)));
    input.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(input.gcount()));
    return header_of(bytes, reason);
}

std::optional<ImageHeader> read_image_header_from_bytes(std::string_view bytes, std::string& reason) {
    const std::string_view start = bytes.substr(0, max_jpeg_header_scan);
    return header_of(Bytes(reinterpret_cast<const unsigned char*>(start.data()), start.size()), reason);
}

std::optional<std::string> check_image_file(const std::filesystem::path& file, const core::MediaRef& listed) {
    std::string reason;
    const std::optional<ImageHeader> header = read_image_header(file, reason);
    return check_image(ImageSource{.file = &file, .bytes = {}}, header, reason, listed);
}

std::optional<std::string> check_image_bytes(std::string_view bytes, const core::MediaRef& listed) {
    std::string reason;
    const std::optional<ImageHeader> header = read_image_header_from_bytes(bytes, reason);
    return check_image(ImageSource{.file = nullptr, .bytes = bytes}, header, reason, listed);
}

}  // namespace bangvang::media
