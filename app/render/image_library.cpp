#include "render/image_library.hpp"

#include <algorithm>
#include <cmath>

namespace bangvang::render {
namespace {

SurfacePtr shrink_to_fit(SurfacePtr surface) {
    int largest = std::max(surface->w, surface->h);
    SurfacePtr converted(SDL_ConvertSurfaceFormat(surface.get(), SDL_PIXELFORMAT_ARGB8888, 0));
    if (!converted) throw_sdl_error("SDL_ConvertSurfaceFormat(ARGB8888)");
    if (largest <= largest_image_side) return converted;
    double scale = static_cast<double>(largest_image_side) / largest;
    SurfacePtr smaller = create_rgba_surface(std::max(1, static_cast<int>(std::lround(surface->w * scale))),
                                             std::max(1, static_cast<int>(std::lround(surface->h * scale))));
    if (SDL_SoftStretchLinear(converted.get(), nullptr, smaller.get(), nullptr) != 0) {
        throw_sdl_error("SDL_SoftStretchLinear");
    }
    return smaller;
}

}  // namespace

ImageLibrary::ImageLibrary(SDL_Renderer* renderer, MediaLocator locate, std::size_t budget_bytes)
    : renderer_(renderer), locate_(std::move(locate)), budget_bytes_(budget_bytes) {}

std::optional<ImageTexture> ImageLibrary::get(const std::string& sha256) {
    if (auto found = index_.find(sha256); found != index_.end()) {
        entries_.splice(entries_.begin(), entries_, found->second);
        if (!found->second->texture) return std::nullopt;
        return found->second->image;
    }
    Entry entry;
    entry.sha256 = sha256;
    auto loaded = load(sha256, entry);
    while (!entries_.empty() && bytes_ + entry.bytes > budget_bytes_) {
        bytes_ -= entries_.back().bytes;
        index_.erase(entries_.back().sha256);
        entries_.pop_back();
    }
    bytes_ += entry.bytes;
    entries_.push_front(std::move(entry));
    index_[sha256] = entries_.begin();
    return loaded;
}

std::optional<ImageTexture> ImageLibrary::load(const std::string& sha256, Entry& entry) {
    std::optional<std::filesystem::path> path = locate_ ? locate_(sha256) : std::nullopt;
    if (!path) {
        last_failure_ = "image " + sha256 + " is not in the media cache";
        return std::nullopt;
    }
    try {
        SurfacePtr surface = shrink_to_fit(load_image_surface(*path));
        entry.texture = create_texture_from_surface(renderer_, surface.get());
        // Photos are drawn scaled: linear filtering avoids blocky faces.
        SDL_SetTextureScaleMode(entry.texture.get(), SDL_ScaleModeLinear);
        entry.image = ImageTexture{entry.texture.get(), surface->w, surface->h};
        entry.bytes = static_cast<std::size_t>(surface->w) * static_cast<std::size_t>(surface->h) * 4;
        return entry.image;
    } catch (const RenderError& error) {
        last_failure_ = error.what();
        return std::nullopt;
    }
}

void ImageLibrary::clear() {
    index_.clear();
    entries_.clear();
    bytes_ = 0;
}

}  // namespace bangvang::render
