#pragma once
// The on-screen player: shows a slide, sleeps in SDL_WaitEventTimeout until the
// slide's time is up, the clock's minute turns or a key is pressed, then crossfades
// to the next. Nothing is redrawn while a slide stands still.
#include <functional>

#include "core/play_record.hpp"
#include "kiosk/kiosk_clock.hpp"
#include "kiosk/service_notifier.hpp"
#include "kiosk/slide_deck.hpp"
#include "render/sdl_handles.hpp"

namespace bangvang::kiosk {

struct PlayerOptions {
    int width = 1920;
    int height = 1080;
    int transition_milliseconds = 700;
    bool once = false;
    ServiceNotifier* service_notifier = nullptr;   // pinged on every wake; none = unsupervised
    // SDL user event the sync worker pushes when a source changed; the deck is
    // refreshed at the next slide boundary. 0 = no sync worker.
    Uint32 content_changed_event = 0;
    std::function<void()> on_sync_key;             // the S key: sync now
    // Called on the main thread when an item's slide leaves the screen (or the player
    // stops), with the time it was really shown: proof of play for the portal.
    std::function<void(const core::PlayRecord&)> on_slide_shown{};
};

class Player {
public:
    Player(SDL_Renderer* renderer, SlideDeck& deck, const KioskClock& clock, const PlayerOptions& options);

    // Runs until the window is closed, Esc/Q, SIGTERM, or (with `once`) the end of a rotation.
    int run();

private:
    void show(std::size_t index, bool with_transition);
    void redraw_current();
    void present_texture(SDL_Texture* texture);
    void crossfade(SDL_Texture* from, SDL_Texture* to);
    std::size_t next_index(std::size_t index);
    std::size_t previous_index(std::size_t index) const;
    void report_slide_shown();

    SDL_Renderer* renderer_;
    SlideDeck& deck_;
    const KioskClock& clock_;
    PlayerOptions options_;
    render::TexturePtr current_;
    render::TexturePtr incoming_;
    std::size_t current_index_ = 0;
    bool paused_ = false;
    bool content_changed_ = false;
    bool showing_ = false;  // a slide is on screen (its start below)
    core::UnixSeconds current_started_at_ = 0;
    Uint64 current_started_ticks_ = 0;
};

}  // namespace bangvang::kiosk
