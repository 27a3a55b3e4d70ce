#include "render/image_library.hpp"

#include <algorithm>
#include <cmath>

#include "media/scaled_jpeg.hpp"
#include "media/screen_copy.hpp"

namespace bangvang::render {
namespace {

SurfacePtr shrink_to_fit(SurfacePtr surface, int shorter_side) {
    const int largest = std::max(surface->w, surface->h);
    const int smallest = std::min(surface->w, surface->h);
    SurfacePtr converted = media::as_argb8888(std::move(surface));
    const double scale = std::min(static_cast<double>(largest_image_side) / largest,
                                  static_cast<double>(std::max(1, shorter_side)) / smallest);
    if (scale >= 1.0) return converted;
    SurfacePtr smaller = create_rgba_surface(std::max(1, static_cast<int>(std::lround(converted->w * scale))),
                                             std::max(1, static_cast<int>(std::lround(converted->h * scale))));
    if (SDL_SoftStretchLinear(converted.get(), nullptr, smaller.get(), nullptr) != 0) {
        media::throw_sdl_error("SDL_SoftStretchLinear");
    }
    return smaller;
}

}  // namespace

ImageLibrary::ImageLibrary(SDL_Renderer* renderer, MediaLocator locate, std::size_t budget_bytes,
                           int screen_shorter_side)
    : renderer_(renderer), locate_(std::move(locate)), screen_shorter_side_(screen_shorter_side), entries_(budget_bytes) {}

std::optional<ImageTexture> ImageLibrary::get(const std::string& sha256) {
    if (const Entry* found = entries_.find(sha256)) {
        if (!found->texture) return std::nullopt;
        return found->image;
    }
    Entry entry;
    auto loaded = load(sha256, entry);
    const std::size_t bytes = entry.bytes;
    entries_.insert(sha256, std::move(entry), bytes);
    return loaded;
}

std::optional<ImageTexture> ImageLibrary::load(const std::string& sha256, Entry& entry) {
    std::optional<std::filesystem::path> path = locate_ ? locate_(sha256) : std::nullopt;
    if (!path) {
        last_failure_ = "image " + sha256 + " is not in the media cache";
        return std::nullopt;
    }
    // The screen-sized copy the sync path made, when there is one; a copy that does not
    // decode (a damaged card) is noted and the original drawn instead.
    for (const std::filesystem::path& copy : media::screen_copy_candidates(*path)) {
        std::error_code error;
        if (!std::filesystem::is_regular_file(copy, error)) continue;
        try {
            return upload(decode(copy), entry);
        } catch (const std::runtime_error& failure) {  // media::MediaError decoding, RenderError uploading
            ++screen_copy_fallbacks_;
            last_fallback_ = "screen copy " + copy.filename().string() + " unreadable (" + failure.what() +
                             "); the original is drawn";
        }
    }
    try {
        return upload(decode(*path), entry);
    } catch (const std::runtime_error& error) {
        last_failure_ = error.what();
        return std::nullopt;
    }
}

ImageLibrary::Decoded ImageLibrary::decode(const std::filesystem::path& path) const {
    // JPEG photos are decoded already shrunk; PNGs (drawings, small) through SDL_image.
    if (std::optional<SurfacePtr> photo = media::load_scaled_jpeg(path, screen_shorter_side_)) {
        return Decoded{shrink_to_fit(std::move(*photo), screen_shorter_side_), true};
    }
    return Decoded{shrink_to_fit(load_image_surface(path), screen_shorter_side_), false};
}

std::optional<ImageTexture> ImageLibrary::upload(Decoded decoded, Entry& entry) {
    const SurfacePtr& surface = decoded.surface;
    entry.texture = create_texture_from_surface(renderer_, surface.get());
    // Photos are drawn scaled: linear filtering avoids blocky faces.
    SDL_SetTextureScaleMode(entry.texture.get(), SDL_ScaleModeLinear);
    // A JPEG has no transparency: copied, not blended. SDL's software renderer scales a
    // blended texture through a temporary surface of the frame's size (a 2 MB one for a
    // story's photo at 1080p, and one more pass over it); an opaque one it scales
    // straight into the slide. The pixels are the same.
    if (decoded.opaque) SDL_SetTextureBlendMode(entry.texture.get(), SDL_BLENDMODE_NONE);
    entry.image = ImageTexture{entry.texture.get(), surface->w, surface->h};
    entry.bytes = static_cast<std::size_t>(surface->w) * static_cast<std::size_t>(surface->h) * 4;
    return entry.image;
}

void ImageLibrary::forget_failures() {
    entries_.erase_if([](const Entry& entry) { return !entry.texture; });
}

}  // namespace bangvang::render
