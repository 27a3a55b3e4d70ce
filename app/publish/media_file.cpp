#include "publish/media_file.hpp"

#include <SDL.h>
#include <SDL_image.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <system_error>

#include "core/manifest_parser.hpp"
#include "media/image_check.hpp"
#include "media/jpeg_decoder.hpp"
#include "media/png_chunks.hpp"
#include "publish/image_metadata.hpp"
#include "publish/pixel_image.hpp"
#include "publish/publish_error.hpp"
#include "render/sdl_handles.hpp"
#include "store/media_store.hpp"

namespace bangvang::publish {

namespace {

namespace fs = std::filesystem;

using render::SurfacePtr;

core::Problem file_problem(const std::string& where, std::string reason) {
    return core::Problem{.where = where, .field = "", .reason = std::move(reason)};
}

std::string read_whole_file(const fs::path& file) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) throw PublishError("cannot open " + file.string() + " for reading");
    std::string bytes((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
    if (stream.bad()) throw PublishError("cannot read " + file.string());
    return bytes;
}

// The type comes from the file's signature, never from its name.
std::string mime_type_of(std::string_view bytes) {
    if (bytes.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
    if (bytes.starts_with("\x89PNG\r\n\x1A\n")) return "image/png";
    return {};
}

// JPEGs through media's libjpeg decode, the kiosk's own (CMYK and YCCK photos in their
// true colours: SDL_image would hand their ink channels over as RGB), PNGs through
// SDL_image. Null with `failure` set when the bytes do not decode.
SurfacePtr decode(std::string_view bytes, std::string& failure) {
    if (bytes.starts_with("\xFF\xD8\xFF")) {
        try {
            return media::decode_jpeg(media::JpegInput{.file = nullptr, .bytes = bytes}, "picture", 0).surface;
        } catch (const media::MediaError& error) {
            failure = error.what();
            return nullptr;
        }
    }
    if (auto problem = media::png_chunk_problem(bytes)) {
        failure = *problem;
        return nullptr;
    }
    SurfacePtr decoded(IMG_Load_RW(SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size())), 1));
    if (!decoded) failure = IMG_GetError();
    return decoded;
}

bool has_transparency(const SDL_Surface& surface) {
    return surface.format->Amask != 0 || SDL_HasColorKey(const_cast<SDL_Surface*>(&surface)) == SDL_TRUE;
}

PixelImage to_pixels(SDL_Surface& surface, bool keep_alpha) {
    const Uint32 format = keep_alpha ? SDL_PIXELFORMAT_RGBA32 : SDL_PIXELFORMAT_RGB24;
    SurfacePtr converted(SDL_ConvertSurfaceFormat(&surface, format, 0));
    if (!converted) throw PublishError(std::string("cannot convert a picture's pixels: ") + SDL_GetError());
    PixelImage image{.width = converted->w, .height = converted->h, .channels = keep_alpha ? 4 : 3, .pixels = {}};
    const std::size_t row = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.channels);
    image.pixels.resize(row * static_cast<std::size_t>(image.height));
    const auto* source = static_cast<const std::uint8_t*>(converted->pixels);
    for (int y = 0; y < image.height; ++y) {
        std::memcpy(image.pixels.data() + row * static_cast<std::size_t>(y),
                    source + static_cast<std::size_t>(converted->pitch) * static_cast<std::size_t>(y), row);
    }
    return image;
}

// An SDL_RWops that appends to a std::string, so encoders write to memory.
struct StringSink {
    std::string bytes;
    std::size_t position = 0;
};

Sint64 sink_size(SDL_RWops* context) {
    return static_cast<Sint64>(static_cast<StringSink*>(context->hidden.unknown.data1)->bytes.size());
}
Sint64 sink_seek(SDL_RWops* context, Sint64 offset, int whence) {
    auto* sink = static_cast<StringSink*>(context->hidden.unknown.data1);
    Sint64 base = 0;
    if (whence == RW_SEEK_CUR) base = static_cast<Sint64>(sink->position);
    if (whence == RW_SEEK_END) base = static_cast<Sint64>(sink->bytes.size());
    const Sint64 target = base + offset;
    if (target < 0) return SDL_SetError("seek before the start");
    sink->position = static_cast<std::size_t>(target);
    return target;
}
size_t sink_read(SDL_RWops*, void*, size_t, size_t) { return 0; }
size_t sink_write(SDL_RWops* context, const void* data, size_t size, size_t count) {
    auto* sink = static_cast<StringSink*>(context->hidden.unknown.data1);
    const std::size_t length = size * count;
    if (sink->bytes.size() < sink->position + length) sink->bytes.resize(sink->position + length);
    std::memcpy(sink->bytes.data() + sink->position, data, length);
    sink->position += length;
    return count;
}
int sink_close(SDL_RWops* context) {
    SDL_FreeRW(context);
    return 0;
}

std::string encode(const PixelImage& image, bool as_png, int jpeg_quality) {
    const Uint32 format = image.channels == 4 ? SDL_PIXELFORMAT_RGBA32 : SDL_PIXELFORMAT_RGB24;
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormatFrom(
        const_cast<std::uint8_t*>(image.pixels.data()), image.width, image.height, image.channels * 8,
        image.width * image.channels, format));
    if (!surface) throw PublishError(std::string("cannot wrap a picture's pixels: ") + SDL_GetError());
    StringSink sink;
    SDL_RWops* stream = SDL_AllocRW();
    if (!stream) throw PublishError(std::string("cannot allocate an SDL stream: ") + SDL_GetError());
    stream->size = sink_size;
    stream->seek = sink_seek;
    stream->read = sink_read;
    stream->write = sink_write;
    stream->close = sink_close;
    stream->type = SDL_RWOPS_UNKNOWN;
    stream->hidden.unknown.data1 = &sink;
    // freedst = 1: the encoder closes (and frees) the stream on every path.
    const int result = as_png ? IMG_SavePNG_RW(surface.get(), stream, 1)
                              : IMG_SaveJPG_RW(surface.get(), stream, 1, jpeg_quality);
    if (result != 0) throw PublishError(std::string("cannot encode a picture: ") + IMG_GetError());
    return std::move(sink.bytes);
}

}  // namespace

core::Result<PreparedMedia> prepare_media_bytes(std::string bytes, const std::string& where,
                                                const PictureOptions& options) {
    if (bytes.size() > static_cast<std::size_t>(core::max_media_bytes) * 8) {
        return file_problem(where, "is too large: " + std::to_string(bytes.size()) + " bytes");
    }
    std::string mime_type = mime_type_of(bytes);
    if (mime_type.empty()) return file_problem(where, "is not a JPEG or PNG picture");
    std::string failure;
    SurfacePtr picture = decode(bytes, failure);
    if (!picture) return file_problem(where, "cannot be decoded as a picture: " + failure);

    const bool is_png = mime_type == "image/png";
    const int orientation = is_png ? 1 : jpeg_orientation(bytes);
    const PixelSize upright = orientation >= 5 ? PixelSize{picture->h, picture->w} : PixelSize{picture->w, picture->h};
    const PixelSize target = fit_within(upright, options.max_side);
    PreparedMedia prepared{.media = {}, .bytes = {}, .original_width = picture->w, .original_height = picture->h};
    const bool needs_work = orientation != 1 || !(target == upright) || carries_metadata(bytes) ||
                            bytes.size() > static_cast<std::size_t>(core::max_media_bytes);
    if (needs_work) {
        PixelImage image = to_pixels(*picture, is_png && has_transparency(*picture));
        picture.reset();
        image = downscale_area(apply_orientation(image, orientation), target);
        bytes = encode(image, is_png, options.jpeg_quality);
        prepared.re_encoded = true;
        if (bytes.size() > static_cast<std::size_t>(core::max_media_bytes)) {
            return file_problem(where, "is still " + std::to_string(bytes.size()) +
                                           " bytes after resizing; at most " + std::to_string(core::max_media_bytes));
        }
    }
    prepared.media = core::MediaRef{.sha256 = store::sha256_hex(bytes),
                                    .size_bytes = static_cast<std::int64_t>(bytes.size()),
                                    .width = target.width,
                                    .height = target.height,
                                    .mime_type = std::move(mime_type)};
    prepared.bytes = std::move(bytes);
    return prepared;
}

core::Result<std::string> shrink_picture(std::string_view bytes, int width, int height, int jpeg_quality,
                                         const std::optional<core::MediaCrop>& crop) {
    std::string failure;
    SurfacePtr picture = decode(bytes, failure);
    if (!picture) return file_problem("picture", "cannot be decoded as a picture: " + failure);
    const bool is_png = mime_type_of(bytes) == "image/png";
    PixelImage image = to_pixels(*picture, is_png && has_transparency(*picture));
    picture.reset();
    if (crop) {
        if (crop->x < 0 || crop->y < 0 || crop->width < 1 || crop->height < 1 || crop->x + crop->width > image.width ||
            crop->y + crop->height > image.height) {
            return file_problem("picture", "the crop lies outside the picture");
        }
        image = crop_pixels(image, crop->x, crop->y, crop->width, crop->height);
    }
    return encode(downscale_area(image, PixelSize{width, height}), is_png, jpeg_quality);
}

core::Result<PreparedMedia> prepare_media_file(const fs::path& file, const PictureOptions& options) {
    std::error_code error;
    const fs::file_status status = fs::status(file, error);
    if (!fs::exists(status)) return file_problem(file.string(), "does not exist");
    if (!fs::is_regular_file(status)) return file_problem(file.string(), "is not a regular file");
    return prepare_media_bytes(read_whole_file(file), file.string(), options);
}

core::Result<core::MediaRef> describe_media_file(const fs::path& file) {
    std::error_code error;
    const fs::file_status status = fs::status(file, error);
    if (!fs::exists(status)) return file_problem(file.string(), "does not exist");
    if (!fs::is_regular_file(status)) return file_problem(file.string(), "is not a regular file");
    const std::string bytes = read_whole_file(file);
    std::string mime_type = mime_type_of(bytes);
    if (mime_type.empty()) return file_problem(file.string(), "is not a JPEG or PNG picture");
    // The size is in the PNG's IHDR or the JPEG's SOFn marker: no need to decode a 24 MP
    // photo to learn it (the build decodes each picture once, when it prepares it).
    std::string failure;
    const std::optional<media::ImageHeader> header = media::read_image_header(file, failure);
    if (!header) return file_problem(file.string(), "cannot be decoded as a picture: " + failure);
    int width = header->width;
    int height = header->height;
    if (mime_type == "image/jpeg" && jpeg_orientation(bytes) >= 5) std::swap(width, height);
    return core::MediaRef{.sha256 = store::sha256_hex(bytes),
                          .size_bytes = static_cast<std::int64_t>(bytes.size()),
                          .width = width,
                          .height = height,
                          .mime_type = std::move(mime_type)};
}

}  // namespace bangvang::publish
