#include "media/screen_copy_writer.hpp"

#include <algorithm>
#include <string_view>
#include <system_error>

#include "files/durable_file.hpp"
#include "media/jpeg_encoder.hpp"
#include "media/scaled_jpeg.hpp"
#include "media/image_check.hpp"

namespace bangvang::media {

namespace fs = std::filesystem;

namespace {

// Starts like the media store's temporaries, so a leftover is swept by its cleanup.
constexpr std::string_view temporary_prefix = ".incoming-screen-";

SurfacePtr decode_for_screen(const fs::path& original, bool png, ScreenSize screen) {
    if (!png) {
        // libjpeg's DCT scaling does most of the shrinking while decoding.
        std::optional<SurfacePtr> decoded =
            load_scaled_jpeg(original, std::min(screen.width, screen.height));
        if (!decoded) throw MediaError(original.string() + ": not a JPEG");
        return shrink_to_screen(std::move(*decoded), screen);
    }
    return shrink_to_screen(load_image_surface(original), screen);
}

}  // namespace

ScreenCopyResult write_screen_copy(const fs::path& original, const core::MediaRef& media, ScreenSize screen) {
    ScreenCopyResult result;
    if (!screen.known()) return result;
    std::string reason;
    const std::optional<ImageHeader> header = read_image_header(original, reason);
    if (!header) {
        result.failure = reason;
        return result;
    }
    // Long against long, short against short: the same whatever the EXIF orientation.
    if (!larger_than_screen(header->width, header->height, screen)) return result;
    const bool png = header->mime_type == "image/png";
    const fs::path copy = screen_copy_path(original, png);
    std::error_code error;
    if (fs::is_regular_file(copy, error)) {
        result.outcome = ScreenCopyOutcome::already_there;
        return result;
    }
    try {
        const SurfacePtr surface = decode_for_screen(original, png, screen);
        files::TemporaryFile temporary(copy.parent_path(), temporary_prefix);
        if (png) {
            save_png_surface(*surface, temporary.path());
        } else {
            save_jpeg(*surface, temporary.path());
        }
        temporary.put_in_place(copy);
        result.outcome = ScreenCopyOutcome::written;
    } catch (const std::exception& failure) {
        result.failure = "media " + media.sha256 + ": no screen-sized copy: " + failure.what();
    }
    return result;
}

}  // namespace bangvang::media
