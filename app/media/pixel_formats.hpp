#pragma once
// media: the pixel formats a thread that decodes pictures shares with the player.
//
// SDL keeps one SDL_PixelFormat per (non-indexed) pixel format for the whole process:
// every surface of that format, on every thread, points at it, and the last surface to
// go frees it. The player (main thread: shapes, glyphs, textures) and the sync thread
// (image checks, screen-sized copies) both make ARGB8888 surfaces and convert between
// the formats SDL_image decodes PNGs into. SDL counts the references under its own
// spinlock, which ThreadSanitizer cannot see (SDL is not instrumented): it reported the
// main thread creating the ARGB8888 format while the sync thread read it
// (media::as_argb8888 against render::ShapePainter::polygon).
//
// Holding these formats from before a second thread starts until after it ends takes
// creating and freeing them out of the threads' way: each is made once, before the
// thread exists, and freed only when it has ended; in between both threads only read it.
#include <array>
#include <memory>
#include <vector>

#include <SDL.h>

namespace bangvang::media {

class HeldPixelFormats {
public:
    HeldPixelFormats();  // throws MediaError when SDL cannot make one
    HeldPixelFormats(HeldPixelFormats&&) noexcept = default;
    HeldPixelFormats& operator=(HeldPixelFormats&&) noexcept = default;

    // The formats held: ARGB8888 (what media and render draw into), the RGB24 and RGBA32
    // that SDL_image decodes PNGs into and writes them from, and RGB888 (the player's
    // slide textures and an X11 window's surface).
    static constexpr std::array<Uint32, 4> formats{SDL_PIXELFORMAT_ARGB8888, SDL_PIXELFORMAT_RGB24,
                                                   SDL_PIXELFORMAT_RGBA32, SDL_PIXELFORMAT_RGB888};
    // SDL's shared object for `pixel_format` while held; nullptr for one not held.
    const SDL_PixelFormat* held(Uint32 pixel_format) const;

private:
    struct FormatDeleter {
        void operator()(SDL_PixelFormat* format) const noexcept { SDL_FreeFormat(format); }
    };
    std::vector<std::unique_ptr<SDL_PixelFormat, FormatDeleter>> held_;
};

}  // namespace bangvang::media
