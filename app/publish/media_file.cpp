#include "publish/media_file.hpp"

#include <SDL.h>
#include <SDL_image.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <system_error>

#include "core/manifest_parser.hpp"
#include "publish/atomic_file.hpp"
#include "publish/publish_error.hpp"
#include "store/media_store.hpp"

namespace bangvang::publish {

namespace {

namespace fs = std::filesystem;

struct SurfaceDeleter {
    void operator()(SDL_Surface* surface) const { SDL_FreeSurface(surface); }
};
using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceDeleter>;

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

}  // namespace

core::Result<core::MediaRef> describe_media_file(const fs::path& file) {
    const auto problem = [&](std::string reason) {
        return core::Problem{.where = file.string(), .field = "", .reason = std::move(reason)};
    };
    std::error_code error;
    const fs::file_status status = fs::status(file, error);
    if (!fs::exists(status)) return problem("does not exist");
    if (!fs::is_regular_file(status)) return problem("is not a regular file");
    const std::uintmax_t size = fs::file_size(file, error);
    if (error) throw PublishError("cannot read the size of " + file.string() + ": " + error.message());
    if (size > static_cast<std::uintmax_t>(core::max_media_bytes)) {
        return problem("is too large: " + std::to_string(size) + " bytes, at most " +
                       std::to_string(core::max_media_bytes));
    }

    const std::string bytes = read_whole_file(file);
    std::string mime_type = mime_type_of(bytes);
    if (mime_type.empty()) return problem("is not a JPEG or PNG picture");
    SurfacePtr picture(IMG_Load_RW(SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size())), 1));
    if (!picture) return problem(std::string("cannot be decoded as a picture: ") + IMG_GetError());

    return core::MediaRef{.sha256 = store::sha256_hex(bytes),
                          .size_bytes = static_cast<std::int64_t>(bytes.size()),
                          .width = picture->w,
                          .height = picture->h,
                          .mime_type = std::move(mime_type)};
}

void copy_media_file(const fs::path& file, const core::MediaRef& media, const fs::path& media_directory) {
    const std::string bytes = read_whole_file(file);
    if (store::sha256_hex(bytes) != media.sha256) {
        throw PublishError(file.string() + " changed while the feed was being built; build again");
    }
    write_file_atomically(media_directory / media.sha256, bytes);
}

}  // namespace bangvang::publish
