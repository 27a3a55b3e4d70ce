#include "sync/screen_copy_writer.hpp"

#include <SDL_image.h>
#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "render/jpeg_encoder.hpp"
#include "render/scaled_jpeg.hpp"
#include "sync/image_check.hpp"

namespace bangvang::sync {

namespace fs = std::filesystem;

namespace {

// Starts like the media store's temporaries, so a leftover is swept by its cleanup.
fs::path temporary_beside(const fs::path& copy) {
    return copy.parent_path() / (".incoming-screen-" + copy.filename().string() + "-" + std::to_string(randombytes_random()));
}

class Descriptor {
public:
    explicit Descriptor(int descriptor) : descriptor_(descriptor) {}
    ~Descriptor() {
        if (descriptor_ >= 0) ::close(descriptor_);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return descriptor_; }

private:
    int descriptor_;
};

void fsync_path(const fs::path& path, int flags) {
    const Descriptor handle(::open(path.c_str(), flags | O_CLOEXEC));
    if (handle.get() < 0 || ::fsync(handle.get()) != 0) {
        throw render::RenderError(path.string() + ": fsync failed: " + std::generic_category().message(errno));
    }
}

struct RemoveUnlessKept {
    fs::path path;
    ~RemoveUnlessKept() {
        std::error_code ignored;
        if (!path.empty()) fs::remove(path, ignored);
    }
};

render::SurfacePtr decode_for_screen(const fs::path& original, bool png, render::ScreenSize screen) {
    if (!png) {
        // libjpeg's DCT scaling does most of the shrinking while decoding.
        std::optional<render::SurfacePtr> decoded =
            render::load_scaled_jpeg(original, std::min(screen.width, screen.height));
        if (!decoded) throw render::RenderError(original.string() + ": not a JPEG");
        return render::shrink_to_screen(std::move(*decoded), screen);
    }
    render::SurfacePtr decoded(IMG_Load(original.c_str()));
    if (!decoded) render::throw_sdl_error("IMG_Load " + original.string());
    return render::shrink_to_screen(std::move(decoded), screen);
}

}  // namespace

ScreenCopyResult write_screen_copy(const fs::path& original, const core::MediaRef& media, render::ScreenSize screen) {
    ScreenCopyResult result;
    if (!screen.known()) return result;
    std::string reason;
    const std::optional<ImageHeader> header = read_image_header(original, reason);
    if (!header) {
        result.failure = reason;
        return result;
    }
    // Long against long, short against short: the same whatever the EXIF orientation.
    if (!render::larger_than_screen(header->width, header->height, screen)) return result;
    const bool png = header->mime_type == "image/png";
    const fs::path copy = render::screen_copy_path(original, png);
    std::error_code error;
    if (fs::is_regular_file(copy, error)) {
        result.outcome = ScreenCopyOutcome::already_there;
        return result;
    }
    try {
        const render::SurfacePtr surface = decode_for_screen(original, png, screen);
        RemoveUnlessKept temporary{temporary_beside(copy)};
        if (png) {
            if (IMG_SavePNG(surface.get(), temporary.path.c_str()) != 0) render::throw_sdl_error("IMG_SavePNG " + temporary.path.string());
        } else {
            render::save_jpeg(*surface, temporary.path);
        }
        fsync_path(temporary.path, O_RDONLY);
        fs::rename(temporary.path, copy, error);
        if (error) throw render::RenderError(copy.string() + ": cannot rename into place: " + error.message());
        temporary.path.clear();
        fsync_path(copy.parent_path(), O_RDONLY | O_DIRECTORY);
        result.outcome = ScreenCopyOutcome::written;
    } catch (const std::exception& failure) {
        result.failure = "media " + media.sha256 + ": no screen-sized copy: " + failure.what();
    }
    return result;
}

}  // namespace bangvang::sync
