#pragma once
// Photos and images of the feed as textures, found through the MediaLocator by
// sha256. Missing or undecodable files are remembered as such (and not retried on
// every frame); callers draw a placeholder for them.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/byte_budget_lru.hpp"
#include "render/sdl_handles.hpp"

namespace bangvang::render {

// Finds a media file in the cache by its sha256; nullopt when it is not there.
using MediaLocator = std::function<std::optional<std::filesystem::path>(const std::string& sha256)>;

struct ImageTexture {
    SDL_Texture* texture = nullptr;  // owned by the library; valid until the next get()
    int width = 0;
    int height = 0;
};

class ImageLibrary {
public:
    // Images are decoded once at the screen's size: scaled so that their shorter side is
    // at most `screen_shorter_side` (no frame on a slide is larger), and only that texture is kept.
    ImageLibrary(SDL_Renderer* renderer, MediaLocator locate, std::size_t budget_bytes, int screen_shorter_side = 1080);

    // nullopt when the file is missing or cannot be decoded.
    std::optional<ImageTexture> get(const std::string& sha256);
    // Why the last failed image failed, for a log line.
    const std::string& last_failure() const { return last_failure_; }
    // Screen-sized copies (media/screen_copy.hpp) that did not decode, so the original
    // was drawn; the last one's reason, for a log line.
    std::size_t screen_copy_fallbacks() const { return screen_copy_fallbacks_; }
    const std::string& last_fallback() const { return last_fallback_; }
    void clear() { entries_.clear(); }
    // Forgets the images remembered as missing or broken, so that the next get() looks again.
    void forget_failures();
    std::size_t bytes() const { return entries_.bytes(); }
    std::size_t budget_bytes() const { return entries_.budget_bytes(); }

private:
    struct Entry {
        TexturePtr texture;  // null: known to be missing or broken
        ImageTexture image;
        std::size_t bytes = 0;
    };
    std::optional<ImageTexture> load(const std::string& sha256, Entry& entry);
    struct Decoded {
        SurfacePtr surface;
        bool opaque = false;  // a JPEG: nothing of it is transparent
    };
    Decoded decode(const std::filesystem::path& path) const;  // throws media::MediaError
    std::optional<ImageTexture> upload(Decoded decoded, Entry& entry);

    SDL_Renderer* renderer_;
    MediaLocator locate_;
    int screen_shorter_side_;
    std::string last_failure_;
    std::size_t screen_copy_fallbacks_ = 0;
    std::string last_fallback_;
    core::ByteBudgetLru<Entry> entries_;
};

// Images larger than this on either side are scaled down on load: feeds are meant
// to carry screen-sized photos, and a camera original would waste texture memory.
inline constexpr int largest_image_side = 2048;

}  // namespace bangvang::render
