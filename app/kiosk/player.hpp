#pragma once
// The on-screen player: shows a slide, sleeps in SDL_WaitEventTimeout until the
// slide's time is up, the clock's minute turns or a key is pressed, then crossfades
// to the next.
//
// Each slide is drawn once into a texture. While it stands still only what changes
// is drawn again: the header's clock once a minute (just its box, into the slide's
// texture), the ticker's strip every frame while it scrolls, and the overlay while
// it shows. Frames are composed at the slide's shape and turned for a rotated screen.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/play_record.hpp"
#include "kiosk/frame_output.hpp"
#include "kiosk/kiosk_clock.hpp"
#include "kiosk/overlay_toggle.hpp"
#include "kiosk/screen_power.hpp"
#include "kiosk/service_notifier.hpp"
#include "kiosk/slide_deck.hpp"
#include "render/sdl_handles.hpp"

namespace bangvang::kiosk {

struct PlayerOptions {
    int width = 1920;   // the slides' shape
    int height = 1080;
    int rotation = 0;   // clockwise degrees the frames are turned on the output: 0, 90, 180, 270
    int transition_milliseconds = 700;
    // A crossfade's frames a second at most; 0 = every refresh. Each is a whole new frame:
    // blending two 1080p slides and sending 8 MB to the display, which on a machine
    // without a GPU costs CPU per frame. 30 a second still looks smooth.
    int transition_frames_per_second = 30;
    bool once = false;
    ServiceNotifier* service_notifier = nullptr;   // pinged on every wake; none = unsupervised
    // SDL user event the sync worker pushes when a source changed; the deck is
    // refreshed at the next slide boundary. 0 = no sync worker.
    Uint32 content_changed_event = 0;
    std::function<void()> on_sync_key;             // the S key: sync now
    // Called once, when the first frame is on the screen (a slide, the waiting slide, or
    // black outside office hours): the kiosk starts its sync thread there.
    std::function<void()> after_first_frame{};
    // Called on the main thread when an item's slide leaves the screen (or the player
    // stops), with the time it was really shown: proof of play for the portal.
    std::function<void(const core::PlayRecord&)> on_slide_shown{};
    // Drawn over every frame while Player::overlay_visible(), after the slide and the
    // ticker, with the render target set to the slide-shaped frame (the status overlay).
    std::function<void(SDL_Renderer*)> draw_overlay{};
    // While the overlay shows, frames are composed at least this often so its figures stay current.
    int overlay_refresh_milliseconds = 1000;
    // Office hours: outside them nothing is drawn and the display is turned off. Null = always on.
    ScreenPower* screen_power = nullptr;
};

// Figures of the frames the player composed, for the status overlay.
struct FrameStatistics {
    double last_frame_milliseconds = 0;   // composing the last frame (before the wait for the display)
    double last_slide_milliseconds = 0;   // drawing the last whole slide into its texture
    std::uint64_t frames = 0;
    // The last crossfade: its frames and the time from one frame's start to the next.
    int last_transition_frames = 0;
    double last_transition_mean_milliseconds = 0;
    double last_transition_worst_milliseconds = 0;
    // Every crossfade so far and the frames presented in them (the first and last included).
    std::uint64_t crossfades = 0;
    std::uint64_t crossfade_frames = 0;
};

class Player {
public:
    Player(SDL_Renderer* renderer, SlideDeck& deck, const KioskClock& clock, const PlayerOptions& options);

    // Runs until the window is closed, Esc/Q, SIGTERM, or (with `once`) the end of a rotation.
    int run();

    // Shows or hides the overlay (options.draw_overlay) from the next frame on.
    void set_overlay_visible(bool visible);
    bool overlay_visible() const { return overlay_visible_; }
    const FrameStatistics& frame_statistics() const { return statistics_; }

private:
    // What the event loop (player_loop.cpp) keeps between turns.
    struct LoopState {
        Uint64 slide_started = 0;             // SDL ticks when the current slide began
        core::UnixSeconds minute_shown = 0;   // the minute the clock on screen shows
        Uint64 last_ping = 0;                 // the watchdog's last ping
    };
    struct Ticker {
        std::vector<std::string> messages;
        int cycle_width = 0;          // pixels of one pass; 0 = still
        int pixels_per_frame = 1;
        Uint64 started_ticks = 0;
        std::int64_t drawn_scroll = -1;
    };

    // One turn of the loop: wait, handle what came, advance or draw. False: stop.
    bool turn(LoopState& loop);
    Uint64 milliseconds_to_wait(const LoopState& loop) const;
    // False for an event that stops the player; a tap or key may pick a slide to jump to.
    bool handle_event(const SDL_Event& event, std::optional<std::size_t>& jump_to);
    bool handle_key(SDL_Keycode key, std::optional<std::size_t>& jump_to);
    // The slide's end, the clock's minute, a frame when one is due. False: stop (--once).
    bool advance_or_draw(LoopState& loop);
    void show(std::size_t index, bool with_transition);
    void draw_slide(SDL_Texture* target, std::size_t index);
    // Repaints the clock in the slide's texture; the area it changed, or none when the
    // whole slide was drawn again (the date turned too).
    std::optional<SDL_Rect> redraw_clock();
    void compose_frame(std::optional<SDL_Rect> changed = std::nullopt);
    void crossfade(SDL_Texture* from, SDL_Texture* to);
    void update_ticker();
    bool ticker_moving() const { return ticker_.cycle_width > 0; }
    std::int64_t ticker_scroll(Uint64 ticks) const;
    void draw_ticker(Uint64 ticks);
    std::size_t next_index(std::size_t index);
    std::size_t previous_index(std::size_t index) const;
    void report_slide_shown();
    // One log line: crossfades, frames presented per crossfade, frames in all.
    void log_frame_figures() const;
    // Outside office hours the loop only waits (player_loop.cpp): falling asleep draws a
    // black frame and turns the display off; waking shows the next slide, then turns the
    // display on, so that the screen wakes to a slide, not to black.
    void fall_asleep();
    void wake();
    Uint64 milliseconds_asleep() const;
    // Asleep, only a stop and the sync's "content changed" count. False: stop.
    bool handle_asleep_event(const SDL_Event& event);

    SDL_Renderer* renderer_;
    SlideDeck& deck_;
    const KioskClock& clock_;
    PlayerOptions options_;
    FrameOutput output_;
    render::TexturePtr current_;
    render::TexturePtr incoming_;
    std::size_t current_index_ = 0;
    bool paused_ = false;
    bool content_changed_ = false;
    bool asleep_ = false;   // outside office hours: nothing drawn
    bool showing_ = false;  // a slide is on screen (its start below)
    core::UnixSeconds current_started_at_ = 0;
    Uint64 current_started_ticks_ = 0;
    std::int64_t current_date_key_ = 0;   // the date drawn in the current slide's header
    Ticker ticker_;
    bool overlay_visible_ = false;
    bool whole_frame_needed_ = true;  // the output lost its frame or the slide's texture changed
    Uint64 last_frame_ticks_ = 0;
    FrameStatistics statistics_;
    OverlayToggle overlay_toggle_;  // F1 / I / long press, hidden after 30 s
};

}  // namespace bangvang::kiosk
