// The status overlay in the real player on an offscreen window: F1 and a long press
// bring it up over the slide (gathered by StatusPanel from the kiosk's own state),
// and a long press is not also a tap to the next slide.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "kiosk/kiosk_config.hpp"
#include "kiosk/player.hpp"
#include "kiosk/slide_deck.hpp"
#include "kiosk/status_report.hpp"
#include "render/png_writer.hpp"
#include "render/slide_renderer.hpp"
#include "render/status_overlay.hpp"
#include "store/content_cache.hpp"
#include "support/process.hpp"
#include "support/build_paths.hpp"

using namespace bangvang;

namespace {

kiosk::KioskConfig small_config(const std::filesystem::path& cache) {
    kiosk::KioskConfig config;
    config.identity = core::KioskIdentity{.kiosk_id = "tx-nhan-chinh-01", .site = "phuong-nhan-chinh", .tags = {}};
    config.place_name = "UBND phường Nhân Chính";
    config.cache_directory = cache;
    config.screen = kiosk::ScreenConfig{.width = 800, .height = 480};
    return config;
}

// An empty cache (the waiting slide) and the kiosk's status panel as the player's overlay.
struct StatusBench {
    StatusBench()
        : scratch("player-status"),
          config(small_config(scratch.path())),
          session(render::SdlSessionOptions{.video_driver = "offscreen", .software_framebuffer = true}),
          window(render::create_window(render::WindowOptions{.width = 800, .height = 480, .hidden = true})),
          renderer(render::create_renderer(window.get(), render::RendererOptions{.software = true, .vsync = false})),
          cache(scratch.path() / "content.sqlite3", scratch.path() / "media"),
          slides(renderer.get(), render::default_theme(), {}, 800, 480),
          deck(cache, slides, config),
          clock(core::UnixSeconds{1732496400}),  // on the hour: the minute does not turn meanwhile
          reporter(config, cache, nullptr, {}),
          painter(renderer.get(), render::default_theme(), 800, 480),
          panel(reporter, painter, [this] { return clock.now(); },
                [] { return kiosk::PlayerFigures{.playable_items = 0}; }) {}

    // Runs the player with `events` queued; the first overlay frame ends the run.
    int overlay_frames_until_quit(std::initializer_list<SDL_Event> events, Uint64& took_ms) {
        int overlay_frames = 0;
        kiosk::PlayerOptions options;
        options.width = 800;
        options.height = 480;
        options.draw_overlay = [&](SDL_Renderer* target) {
            panel.draw(target);
            if (++overlay_frames == 1) {
                SDL_Event quit{};
                quit.type = SDL_QUIT;
                SDL_PushEvent(&quit);
            }
        };
        kiosk::Player player(renderer.get(), deck, clock, options);
        for (SDL_Event event : events) SDL_PushEvent(&event);
        const Uint64 start = SDL_GetTicks64();
        REQUIRE(player.run() == 0);
        took_ms = SDL_GetTicks64() - start;
        return overlay_frames;
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
    kiosk::StatusReporter reporter;
    render::StatusOverlayPainter painter;
    kiosk::StatusPanel panel;
};

SDL_Event key(SDL_Keycode code) {
    SDL_Event event{};
    event.type = SDL_KEYDOWN;
    event.key.keysym.sym = code;
    return event;
}

SDL_Event button(Uint32 type, int x) {
    SDL_Event event{};
    event.type = type;
    event.button.button = SDL_BUTTON_LEFT;
    event.button.x = x;
    event.button.y = 240;
    return event;
}

}  // namespace

TEST_CASE("F1 shows the status overlay over the slide in the real player", "[kiosk][status]") {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    StatusBench bench;
    Uint64 took = 0;
    CHECK(bench.overlay_frames_until_quit({key(SDLK_F1)}, took) == 1);
    SDL_SetRenderTarget(bench.renderer.get(), nullptr);
    render::save_png(bench.renderer.get(), std::filesystem::path(bangvang::testing::paths::build) / "player-status-overlay.png");
    // The panel's card (warm paper) fills the middle of the window; the dimmed slide shows at the edge.
    Uint32 middle = 0;
    SDL_Rect one{400, 440, 1, 1};
    SDL_RenderReadPixels(bench.renderer.get(), &one, SDL_PIXELFORMAT_ARGB8888, &middle, 4);
    CHECK(((middle >> 16) & 0xFF) > 240);
}

TEST_CASE("a 1.5 s press shows the overlay while still held", "[kiosk][status]") {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    StatusBench bench;
    Uint64 took = 0;
    // Pressed on the right half and never released: a tap there would go to the next slide.
    CHECK(bench.overlay_frames_until_quit({button(SDL_MOUSEBUTTONDOWN, 700)}, took) == 1);
    CHECK(took >= 1500);
    CHECK(took < 4000);
}
