#include "kiosk/headless_runner.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

#include "kiosk/log.hpp"
#include "render/png_writer.hpp"
#include "render/sdl_handles.hpp"

namespace bangvang::kiosk {

namespace {

// A headless kiosk has no window to close; SIGINT/SIGTERM end it between slides.
volatile std::sig_atomic_t stop_requested = 0;
void request_stop(int) { stop_requested = 1; }

void wait_seconds(int seconds) {
    for (int tenth = 0; tenth < seconds * 10 && !stop_requested; ++tenth) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

}  // namespace

void install_headless_stop_handlers() {
    std::signal(SIGINT, request_stop);
    std::signal(SIGTERM, request_stop);
}

bool headless_stop_requested() { return stop_requested != 0; }

int run_headless(SDL_Renderer* renderer, SlideDeck& deck, const KioskClock& clock, int width, int height,
                 const HeadlessOptions& options) {
    install_headless_stop_handlers();
    std::filesystem::create_directories(options.output_directory);
    render::TexturePtr target = render::create_target_texture(renderer, width, height);

    // A rotation ends when every page of every playable item has been shown; the
    // scheduler's order (weights, urgent items) may show some items more than once.
    constexpr std::size_t most_slides_in_a_rotation = 2000;
    deck.refresh(clock.now());
    std::size_t written = 0;
    while (!stop_requested) {
        std::size_t position = deck.advance(clock.now());
        const core::UnixSeconds started_at = clock.now();
        const auto started = std::chrono::steady_clock::now();
        SDL_SetRenderTarget(renderer, target.get());
        deck.draw(position, clock.now());
        // The ticker as it stands when a slide begins (a screenshot cannot scroll).
        deck.renderer().draw_ticker(deck.ticker_messages(clock.now()), 0);
        auto file = options.output_directory / (deck.slide_name(position) + ".png");
        render::save_png(renderer, file);
        SDL_SetRenderTarget(renderer, nullptr);
        std::printf("%s\n", file.c_str());
        std::fflush(stdout);
        ++written;
        const bool last = options.once && (deck.rotation_complete(clock.now()) || written >= most_slides_in_a_rotation);
        if (!options.once) wait_seconds(deck.slide(position).duration_seconds);
        if (const SlideRef& slide = deck.slide(position); options.on_slide_shown && !slide.item_id.empty()) {
            const auto shown = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
            options.on_slide_shown(core::PlayRecord{.item_id = slide.item_id,
                                                    .source_id = slide.source_id,
                                                    .started_at = started_at,
                                                    .duration_milliseconds = shown.count()});
        }
        if (last) break;
    }
    log(LogLevel::info, "headless", "wrote " + std::to_string(written) + " slides to " +
                                        options.output_directory.string());
    return 0;
}

}  // namespace bangvang::kiosk
