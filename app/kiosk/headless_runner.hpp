#pragma once
// Plays without a window: every slide is drawn into an off-screen texture and
// written to a PNG. Used by the demo on machines with no display, and by tests.
#include <filesystem>
#include <functional>

#include "core/play_record.hpp"
#include "kiosk/kiosk_clock.hpp"
#include "kiosk/slide_deck.hpp"

namespace bangvang::kiosk {

struct HeadlessOptions {
    std::filesystem::path output_directory;
    bool once = true;  // one rotation, as fast as it draws; otherwise in real time until stopped
    // As PlayerOptions::on_slide_shown: an item's slide is done, with its real time.
    std::function<void(const core::PlayRecord&)> on_slide_shown{};
};

// Returns the process exit code.
// SIGINT/SIGTERM end a headless run between slides. Installed before it waits for the
// first sync round too, so that a kiosk held up by a slow network still stops at once.
void install_headless_stop_handlers();
bool headless_stop_requested();

int run_headless(SDL_Renderer* renderer, SlideDeck& deck, const KioskClock& clock, int width, int height,
                 const HeadlessOptions& options);

}  // namespace bangvang::kiosk
