// The player's frames on a real (offscreen) window: turned for a rotated screen,
// the overlay drawn over them, the ticker in its strip.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <vector>

#include "core/vietnamese_dates.hpp"
#include "kiosk/kiosk_config.hpp"
#include "kiosk/player.hpp"
#include "kiosk/slide_deck.hpp"
#include "render/frame_rotation.hpp"
#include "render/png_writer.hpp"
#include "render/slide_renderer.hpp"
#include "store/content_cache.hpp"
#include "support/process.hpp"
#include "support/renderer_pixels.hpp"
#include "support/build_paths.hpp"

using namespace bangvang;
using bangvang::testing::channel_difference;
using bangvang::testing::read_pixels;

namespace {

// An empty cache: the player shows the waiting slide, which is all the frame needs.
struct PlayerBench {
    explicit PlayerBench(kiosk::KioskConfig config_in)
        : scratch("player-frames"),
          config(std::move(config_in)),
          session(render::SdlSessionOptions{.video_driver = "offscreen", .software_framebuffer = true}),
          window(render::create_window(render::WindowOptions{
              .width = config.output_width(), .height = config.output_height(), .hidden = true})),
          renderer(render::create_renderer(window.get(), render::RendererOptions{.software = true, .vsync = false})),
          cache(scratch.path() / "content.sqlite3", scratch.path() / "media"),
          slides(renderer.get(), render::default_theme(), {}, config.screen_width(), config.screen_height(),
                 render::RendererBudgets{}, render::GeometryOptions{.ticker = config.ticker.enabled}),
          deck(cache, slides, config),
          // On the hour, so the minute does not turn during the test.
          clock(core::UnixSeconds{1732496400}) {}

    // The first frame the player presents, read back from the window.
    std::vector<Uint32> first_frame(kiosk::PlayerOptions options) {
        options.width = config.screen_width();
        options.height = config.screen_height();
        options.rotation = config.screen.rotation;
        kiosk::Player player(renderer.get(), deck, clock, options);
        player.set_overlay_visible(static_cast<bool>(options.draw_overlay));
        SDL_Event quit{};
        quit.type = SDL_QUIT;
        SDL_PushEvent(&quit);
        REQUIRE(player.run() == 0);
        CHECK(player.frame_statistics().frames >= 1);
        SDL_SetRenderTarget(renderer.get(), nullptr);
        return read_pixels(renderer.get(), config.output_width(), config.output_height());
    }

    // The same slide drawn the way headless screenshots are: the slide's own shape.
    std::vector<Uint32> slide_as_screenshot(const std::filesystem::path& png) {
        render::TexturePtr target =
            render::create_target_texture(renderer.get(), config.screen_width(), config.screen_height());
        SDL_SetRenderTarget(renderer.get(), target.get());
        deck.draw(deck.advance(clock.now()), clock.now());
        slides.draw_ticker(deck.ticker_messages(clock.now()), 0);
        render::save_png(renderer.get(), png);
        auto pixels = read_pixels(renderer.get(), config.screen_width(), config.screen_height());
        SDL_SetRenderTarget(renderer.get(), nullptr);
        return pixels;
    }

    testing::ScratchDirectory scratch;
    kiosk::KioskConfig config;
    render::SdlSession session;
    render::WindowPtr window;
    render::RendererPtr renderer;
    store::ContentCache cache;
    render::SlideRenderer slides;
    kiosk::SlideDeck deck;
    kiosk::KioskClock clock;
};

kiosk::KioskConfig portrait_config(int rotation) {
    kiosk::KioskConfig config;
    config.identity = core::KioskIdentity{.kiosk_id = "doc-1", .site = "phuong-nhan-chinh", .tags = {}};
    config.place_name = "UBND phường Nhân Chính";
    config.screen = kiosk::ScreenConfig{.width = 640, .height = 360, .orientation = kiosk::Orientation::portrait,
                                        .rotation = rotation};
    return config;
}

}  // namespace

TEST_CASE("on a rotated screen the output is the portrait slide turned, and screenshots stay portrait", "[kiosk][rotation]") {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    for (int rotation : {90, 270}) {
        INFO(rotation);
        PlayerBench bench(portrait_config(rotation));
        REQUIRE(bench.config.screen_width() == 360);
        REQUIRE(bench.config.output_width() == 640);
        const std::vector<Uint32> output = bench.first_frame(kiosk::PlayerOptions{});
        render::save_png(bench.renderer.get(),
                         std::filesystem::path(bangvang::testing::paths::build) / ("player-output-" + std::to_string(rotation) + ".png"));
        const std::vector<Uint32> slide = bench.slide_as_screenshot(
            std::filesystem::path(bangvang::testing::paths::build) / ("player-slide-" + std::to_string(rotation) + ".png"));

        const render::FrameShape shape{.width = 360, .height = 640, .rotation = rotation};
        int mismatches = 0;
        for (int y = 0; y < 640; ++y) {
            for (int x = 0; x < 360; ++x) {
                const SDL_Point out = render::output_point_from_slide(shape, SDL_Point{x, y});
                mismatches += channel_difference(slide[static_cast<std::size_t>(y * 360 + x)],
                                                 output[static_cast<std::size_t>(out.y * 640 + out.x)]) > 2;
            }
        }
        CHECK(mismatches == 0);
    }
}

TEST_CASE("the overlay is drawn over the frame, in the slide's coordinates", "[kiosk][overlay]") {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    PlayerBench bench(portrait_config(90));
    const SDL_Rect box{10, 20, 50, 30};  // near the slide's top-left corner
    kiosk::PlayerOptions options;
    options.draw_overlay = [&](SDL_Renderer* renderer) {
        SDL_SetRenderDrawColor(renderer, 255, 0, 255, 255);
        SDL_RenderFillRect(renderer, &box);
    };
    const std::vector<Uint32> output = bench.first_frame(options);
    const render::FrameShape shape{.width = 360, .height = 640, .rotation = 90};
    const SDL_Point inside = render::output_point_from_slide(shape, SDL_Point{box.x + 5, box.y + 5});
    const SDL_Point outside = render::output_point_from_slide(shape, SDL_Point{box.x + box.w + 40, box.y + 5});
    CHECK((output[static_cast<std::size_t>(inside.y * 640 + inside.x)] & 0xFFFFFF) == 0xFF00FF);
    CHECK((output[static_cast<std::size_t>(outside.y * 640 + outside.x)] & 0xFFFFFF) != 0xFF00FF);
}

TEST_CASE("with a ticker the first frame carries its lines in the strip", "[kiosk][ticker]") {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    kiosk::KioskConfig config;
    config.identity = core::KioskIdentity{.kiosk_id = "ngang-1", .site = "phuong-nhan-chinh", .tags = {}};
    config.screen = kiosk::ScreenConfig{.width = 960, .height = 540};
    config.ticker = kiosk::TickerConfig{.enabled = true, .messages = {"Lịch tiếp công dân: thứ Năm hằng tuần"}};
    PlayerBench bench(config);
    const SDL_Rect strip = bench.slides.ticker_area();
    REQUIRE(strip.h > 0);
    CHECK(bench.deck.ticker_messages(bench.clock.now()) == config.ticker.messages);
    const std::vector<Uint32> output = bench.first_frame(kiosk::PlayerOptions{});
    // Light letters on the strip's deep red: the line is there.
    int light = 0;
    for (int y = strip.y; y < strip.y + strip.h; ++y) {
        for (int x = 0; x < strip.w; ++x) light += (output[static_cast<std::size_t>(y * 960 + x)] & 0xFF) > 200;
    }
    CHECK(light > 200);
}
