#include "kiosk/headless_runner.hpp"

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

int run_headless(SDL_Renderer* renderer, SlideDeck& deck, const KioskClock& clock, int width, int height,
                 const HeadlessOptions& options) {
    std::signal(SIGINT, request_stop);
    std::signal(SIGTERM, request_stop);
    std::filesystem::create_directories(options.output_directory);
    render::TexturePtr target = render::create_target_texture(renderer, width, height);

    do {
        deck.refresh(clock.now());
        std::size_t count = deck.empty() ? 1 : deck.size();
        for (std::size_t index = 0; index < count && !stop_requested; ++index) {
            SDL_SetRenderTarget(renderer, target.get());
            deck.draw(index, clock.now());
            auto file = options.output_directory / (deck.slide_name(index) + ".png");
            render::save_png(renderer, file);
            SDL_SetRenderTarget(renderer, nullptr);
            std::printf("%s\n", file.c_str());
            std::fflush(stdout);
            if (!options.once) wait_seconds(deck.empty() ? 30 : deck.slide(index).duration_seconds);
        }
    } while (!options.once && !stop_requested);
    log(LogLevel::info, "headless", "wrote " + std::to_string(deck.empty() ? 1 : deck.size()) + " slides to " +
                                        options.output_directory.string());
    return 0;
}

}  // namespace bangvang::kiosk
