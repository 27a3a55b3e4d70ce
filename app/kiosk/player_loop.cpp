// Player's one event loop (player.hpp): one wait for whichever comes first (an event, the
// slide's end, the clock's next minute, a ticker or overlay frame, the watchdog, and
// outside office hours the next look at the clock), then small handlers: events, the
// slide's end, the minute, the frame, falling asleep and waking.
#include <algorithm>

#include "kiosk/event_wait.hpp"
#include "kiosk/log.hpp"
#include "kiosk/player.hpp"

namespace bangvang::kiosk {

namespace {

// The watchdog needs a ping now and then, not one per ticker frame.
constexpr Uint64 watchdog_ping_interval_ms = 1000;

}  // namespace

int Player::run() {
    // However run() ends, the last slide's time on screen is reported too.
    struct ReportLastSlide {
        Player& player;
        ~ReportLastSlide() {
            try {
                player.log_frame_figures();
                player.report_slide_shown();
            } catch (const std::exception& error) {
                log(LogLevel::warning, "player", std::string("last slide not reported: ") + error.what());
            }
        }
    } report_last_slide{*this};
    deck_.refresh(clock_.now());
    if (options_.screen_power && !options_.screen_power->should_be_on(clock_.now())) {
        fall_asleep();  // the first slide shows when hours begin
    } else {
        if (options_.screen_power) options_.screen_power->turn(true);
        show(deck_.advance(clock_.now()), false);
    }
    if (options_.after_first_frame) options_.after_first_frame();
    LoopState loop{.slide_started = SDL_GetTicks64(), .minute_shown = clock_.now() / 60, .last_ping = 0};
    while (turn(loop)) {
    }
    return 0;
}

bool Player::turn(LoopState& loop) {
    if (options_.screen_power) {
        const bool hours = options_.screen_power->should_be_on(clock_.now());
        if (!hours && !asleep_) fall_asleep();
        if (hours && asleep_) {
            wake();
            loop.slide_started = SDL_GetTicks64();
            loop.minute_shown = clock_.now() / 60;
            return true;
        }
    }
    const Uint64 wait = asleep_ ? milliseconds_asleep() : milliseconds_to_wait(loop);
    SDL_Event event;
    bool got_event = wait == 0 ? SDL_PollEvent(&event) == 1 : wait_for_event(event, static_cast<Uint32>(wait));
    if (options_.service_notifier && SDL_GetTicks64() - loop.last_ping >= watchdog_ping_interval_ms) {
        options_.service_notifier->watchdog_ping();
        loop.last_ping = SDL_GetTicks64();
    }
    std::optional<std::size_t> jump_to;
    for (; got_event; got_event = SDL_PollEvent(&event) == 1) {
        if (!(asleep_ ? handle_asleep_event(event) : handle_event(event, jump_to))) return false;
    }
    if (asleep_) return true;
    overlay_toggle_.update(SDL_GetTicks64());
    if (overlay_toggle_.visible() != overlay_visible_) set_overlay_visible(overlay_toggle_.visible());
    if (jump_to) {
        show(*jump_to, false);
        loop.slide_started = SDL_GetTicks64();
        return true;
    }
    return advance_or_draw(loop);
}

void Player::fall_asleep() {
    report_slide_shown();  // the slide on screen leaves it
    showing_ = false;
    // A screen whose power the commands cannot switch shows black, not a frozen slide.
    output_.begin_frame();
    SDL_SetRenderDrawColor(renderer_, 0, 0, 0, 255);
    SDL_RenderClear(renderer_);
    output_.present();
    options_.screen_power->log_going_dark(clock_.now());
    options_.screen_power->turn(false);
    asleep_ = true;
}

void Player::wake() {
    log(LogLevel::info, "screen", "office hours begin: drawing again");
    asleep_ = false;
    // Whatever the sync applied overnight, and the items whose hours began, play now.
    content_changed_ = false;
    deck_.refresh(clock_.now());
    show(deck_.advance(clock_.now()), false);
    options_.screen_power->turn(true);
}

Uint64 Player::milliseconds_asleep() const {
    auto wait = static_cast<Uint64>(options_.screen_power->wait_while_off(clock_.now()).count());
    const auto watchdog = options_.service_notifier ? options_.service_notifier->watchdog_interval() : std::nullopt;
    if (watchdog) wait = std::min<Uint64>(wait, Uint64(watchdog->count()) / 2);
    return std::max<Uint64>(wait, 1);
}

bool Player::handle_asleep_event(const SDL_Event& event) {
    if (options_.content_changed_event != 0 && event.type == options_.content_changed_event) content_changed_ = true;
    if (event.type == SDL_QUIT ||
        (event.type == SDL_KEYDOWN && (event.key.keysym.sym == SDLK_ESCAPE || event.key.keysym.sym == SDLK_q))) {
        log(LogLevel::info, "screen", "stopping while the screen is off");
        return false;
    }
    return true;
}

Uint64 Player::milliseconds_to_wait(const LoopState& loop) const {
    const Uint64 duration_ms = Uint64(deck_.slide(current_index_).duration_seconds) * 1000;
    const Uint64 ticks = SDL_GetTicks64();
    const Uint64 elapsed = ticks - loop.slide_started;
    const Uint64 until_slide_end = elapsed >= duration_ms ? 0 : duration_ms - elapsed;
    const Uint64 until_minute = Uint64(60 - clock_.now() % 60) * 1000;
    Uint64 wait = paused_ ? until_minute : std::min(until_slide_end, until_minute);
    const auto watchdog = options_.service_notifier ? options_.service_notifier->watchdog_interval() : std::nullopt;
    // Wake twice per watchdog interval so one late ping never gets the kiosk killed.
    if (watchdog) wait = std::min<Uint64>(wait, Uint64(watchdog->count()) / 2);
    if (overlay_visible_) {
        const Uint64 refresh = Uint64(std::max(options_.overlay_refresh_milliseconds, 1));
        const Uint64 since = ticks - last_frame_ticks_;
        wait = std::min(wait, since >= refresh ? 0 : refresh - since);
    }
    // A long press turns into the overlay while still held; the overlay hides after its time.
    if (auto deadline = overlay_toggle_.next_deadline()) wait = std::min(wait, *deadline > ticks ? *deadline - ticks : 0);
    // A scrolling ticker draws a frame each time round: FrameOutput's present waits for the refresh.
    if (ticker_moving()) wait = 0;
    return wait;
}

bool Player::handle_event(const SDL_Event& event, std::optional<std::size_t>& jump_to) {
    if (options_.content_changed_event != 0 && event.type == options_.content_changed_event) content_changed_ = true;
    switch (event.type) {
        case SDL_QUIT: return false;
        case SDL_KEYDOWN: return handle_key(event.key.keysym.sym, jump_to);
        case SDL_RENDER_DEVICE_RESET:
            // Every texture is gone (e.g. HDMI replugged): the caches' ones too.
            deck_.forget_textures();
            [[fallthrough]];
        case SDL_RENDER_TARGETS_RESET:
            // The GPU lost our target textures: draw again.
            output_.recreate_targets();
            draw_slide(current_.get(), current_index_);
            whole_frame_needed_ = true;
            break;
        case SDL_MOUSEBUTTONDOWN:
            if (event.button.button == SDL_BUTTON_LEFT) overlay_toggle_.press(SDL_GetTicks64());
            break;
        case SDL_MOUSEBUTTONUP:
            // A tap (a touchscreen's taps arrive as mouse clicks too): right half next, left half
            // previous, halves of the slide as the viewer sees it on a rotated screen. A long
            // press toggled the status overlay instead.
            if (event.button.button == SDL_BUTTON_LEFT && overlay_toggle_.release(SDL_GetTicks64())) {
                const SDL_Point point = output_.slide_point(SDL_Point{event.button.x, event.button.y});
                jump_to = point.x * 2 >= options_.width ? next_index(current_index_) : previous_index(current_index_);
            }
            break;
        case SDL_WINDOWEVENT:
            if (event.window.event == SDL_WINDOWEVENT_EXPOSED) whole_frame_needed_ = true;
            break;
        default: break;
    }
    return true;
}

bool Player::handle_key(SDL_Keycode key, std::optional<std::size_t>& jump_to) {
    switch (key) {
        case SDLK_ESCAPE:
        case SDLK_q: return false;
        case SDLK_RIGHT:
        case SDLK_PAGEDOWN: jump_to = next_index(current_index_); break;
        case SDLK_LEFT:
        case SDLK_PAGEUP: jump_to = previous_index(current_index_); break;
        case SDLK_s:
            if (options_.on_sync_key) options_.on_sync_key();
            break;
        case SDLK_SPACE:
            paused_ = !paused_;
            log(LogLevel::info, "player", paused_ ? "paused" : "resumed");
            break;
        case SDLK_F1:
        case SDLK_i: overlay_toggle_.toggle(SDL_GetTicks64()); break;
        default: break;
    }
    return true;
}

bool Player::advance_or_draw(LoopState& loop) {
    const Uint64 duration_ms = Uint64(deck_.slide(current_index_).duration_seconds) * 1000;
    if (!paused_ && SDL_GetTicks64() - loop.slide_started >= duration_ms) {
        if (options_.once && deck_.rotation_complete(clock_.now())) return false;
        if (content_changed_) {
            // New content from the sync thread joins at a slide boundary, never mid-slide.
            content_changed_ = false;
            deck_.refresh(clock_.now());
        }
        show(next_index(current_index_), true);
        loop.slide_started = SDL_GetTicks64();
        loop.minute_shown = clock_.now() / 60;
        return true;
    }
    std::optional<SDL_Rect> changed;
    bool frame_due = whole_frame_needed_ || ticker_moving() ||
                     (overlay_visible_ &&
                      SDL_GetTicks64() - last_frame_ticks_ >= Uint64(std::max(options_.overlay_refresh_milliseconds, 1)));
    if (clock_.now() / 60 != loop.minute_shown) {
        loop.minute_shown = clock_.now() / 60;
        if (!paused_ && deck_.has_preempting_item(clock_.now())) {
            // An urgent item's window opened: it cuts the current slide short.
            show(deck_.advance(clock_.now()), true);
            loop.slide_started = SDL_GetTicks64();
            return true;
        }
        changed = redraw_clock();
        frame_due = true;
    }
    if (frame_due) compose_frame(changed);
    return true;
}

}  // namespace bangvang::kiosk
