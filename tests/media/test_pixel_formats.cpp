// The pixel formats the sync thread shares with the player (media/pixel_formats.hpp):
// SDL's own shared objects, kept while held though every surface of them is gone.
#include <catch2/catch.hpp>

#include <SDL_image.h>

#include "media/pixel_formats.hpp"
#include "media/surface.hpp"
#include "support/build_paths.hpp"

using namespace bangvang;

TEST_CASE("held pixel formats are SDL's shared ones and outlive every surface of them", "[sync][media]") {
    const media::HeldPixelFormats held;
    for (const Uint32 pixel_format : media::HeldPixelFormats::formats) {
        INFO(SDL_GetPixelFormatName(pixel_format));
        const SDL_PixelFormat* format = held.held(pixel_format);
        REQUIRE(format != nullptr);
        {
            const media::SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, 8, 8, 32, pixel_format));
            REQUIRE(surface);
            CHECK(surface->format == format);
            CHECK(format->refcount == 2);
        }
        // The last surface of the format is gone: SDL did not free it, the holder's reference remains.
        CHECK(format->refcount == 1);
        CHECK(format->format == pixel_format);
    }
    // What SDL_image decodes a PNG into and media converts it to are among them.
    const media::SurfacePtr png(IMG_Load((std::string(bangvang::testing::paths::corpora) + "/pngsuite/basn2c08.png").c_str()));
    REQUIRE(png);
    CHECK(png->format == held.held(png->format->format));
    const media::SurfacePtr converted = media::as_argb8888(media::SurfacePtr(SDL_ConvertSurface(png.get(), png->format, 0)));
    CHECK(converted->format == held.held(SDL_PIXELFORMAT_ARGB8888));
    CHECK(held.held(SDL_PIXELFORMAT_INDEX8) == nullptr);
}
