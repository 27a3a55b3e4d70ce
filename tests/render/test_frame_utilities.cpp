// save_png and the crossfade, which the kiosk uses around the slides.
#include "render_test_support.hpp"

#include "render/crossfade.hpp"

using namespace bangvang::render;
using namespace bangvang::render::testing;

namespace {

TexturePtr filled_texture(SDL_Renderer* renderer, int width, int height, SDL_Color colour) {
    TexturePtr texture = create_target_texture(renderer, width, height);
    SDL_Texture* previous = SDL_GetRenderTarget(renderer);
    SDL_SetRenderTarget(renderer, texture.get());
    SDL_SetRenderDrawColor(renderer, colour.r, colour.g, colour.b, colour.a);
    SDL_RenderClear(renderer);
    SDL_SetRenderTarget(renderer, previous);
    return texture;
}

int red(Uint32 pixel) { return static_cast<int>((pixel >> 16) & 0xFF); }
int blue(Uint32 pixel) { return static_cast<int>(pixel & 0xFF); }

}  // namespace

TEST_CASE("save_png writes the current target at its size", "[render][png]") {
    HeadlessScreen screen(320, 180);
    SDL_SetRenderDrawColor(screen.renderer(), 178, 18, 27, 255);
    SDL_RenderClear(screen.renderer());
    const auto path = render_output_dir() / "save-png.png";
    std::filesystem::remove(path);
    save_png(screen.renderer(), path);
    REQUIRE(std::filesystem::exists(path));
    SurfacePtr loaded = load_image_surface(path);
    CHECK(loaded->w == 320);
    CHECK(loaded->h == 180);
    SurfacePtr argb(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
    const Uint32 pixel = static_cast<const Uint32*>(argb->pixels)[0];
    CHECK(red(pixel) == 178);
    CHECK(blue(pixel) == 27);
}

TEST_CASE("save_png names the file it could not write", "[render][png]") {
    HeadlessScreen screen(32, 32);
    CHECK_THROWS_AS(save_png(screen.renderer(), "/nonexistent-dir/screen.png"), RenderError);
    CHECK_THROWS_WITH(save_png(screen.renderer(), "/nonexistent-dir/screen.png"),
                      Catch::Contains("/nonexistent-dir/screen.png"));
}

TEST_CASE("a crossfade goes from the old slide to the new one", "[render][crossfade]") {
    HeadlessScreen screen(64, 64);
    TexturePtr from = filled_texture(screen.renderer(), 64, 64, SDL_Color{255, 0, 0, 255});
    TexturePtr to = filled_texture(screen.renderer(), 64, 64, SDL_Color{0, 0, 255, 255});

    draw_crossfade(screen.renderer(), from.get(), to.get(), 0.0);
    CHECK(red(screen.pixel(10, 10)) == 255);
    CHECK(blue(screen.pixel(10, 10)) == 0);

    draw_crossfade(screen.renderer(), from.get(), to.get(), 0.5);
    CHECK(red(screen.pixel(10, 10)) == Approx(127).margin(3));
    CHECK(blue(screen.pixel(10, 10)) == Approx(128).margin(3));

    draw_crossfade(screen.renderer(), from.get(), to.get(), 0.25, CrossfadeOptions{.smooth = false});
    CHECK(blue(screen.pixel(10, 10)) == Approx(64).margin(3));
    draw_crossfade(screen.renderer(), from.get(), to.get(), 0.25);
    CHECK(blue(screen.pixel(10, 10)) < 50);  // eased: a slower start

    draw_crossfade(screen.renderer(), from.get(), to.get(), 1.0);
    CHECK(red(screen.pixel(10, 10)) == 0);
    CHECK(blue(screen.pixel(10, 10)) == 255);

    draw_crossfade(screen.renderer(), nullptr, to.get(), 2.0);  // clamped
    CHECK(blue(screen.pixel(10, 10)) == 255);
}

TEST_CASE("crossfade progress is elapsed over duration, clamped", "[render][crossfade]") {
    CHECK(crossfade_progress(0, 800) == 0.0);
    CHECK(crossfade_progress(400, 800) == Approx(0.5));
    CHECK(crossfade_progress(1600, 800) == 1.0);
    CHECK(crossfade_progress(5, 0) == 1.0);
}
