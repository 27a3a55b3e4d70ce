#include "kiosk/player.hpp"

#include <algorithm>
#include <utility>

#include "kiosk/event_wait.hpp"
#include "kiosk/log.hpp"
#include "render/crossfade.hpp"

namespace bangvang::kiosk {

Player::Player(SDL_Renderer* renderer, SlideDeck& deck, const KioskClock& clock, const PlayerOptions& options)
    : renderer_(renderer),
      deck_(deck),
      clock_(clock),
      options_(options),
      current_(render::create_target_texture(renderer, options.width, options.height)),
      incoming_(render::create_target_texture(renderer, options.width, options.height)) {}

std::size_t Player::next_index(std::size_t index) { return deck_.next(index, clock_.now()); }

std::size_t Player::previous_index(std::size_t index) const { return deck_.previous(index); }

void Player::present_texture(SDL_Texture* texture) {
    SDL_SetRenderTarget(renderer_, nullptr);
    SDL_SetTextureAlphaMod(texture, 255);
    SDL_RenderCopy(renderer_, texture, nullptr, nullptr);
    SDL_RenderPresent(renderer_);
}

void Player::crossfade(SDL_Texture* from, SDL_Texture* to) {
    Uint64 start = SDL_GetTicks64();
    // Paced by vsync when the renderer has it; each frame is two full-screen copies.
    for (;;) {
        double progress = render::crossfade_progress(SDL_GetTicks64() - start,
                                                     Uint64(std::max(options_.transition_milliseconds, 0)));
        if (progress >= 1.0) break;
        SDL_SetRenderTarget(renderer_, nullptr);
        render::draw_crossfade(renderer_, from, to, progress);
        SDL_RenderPresent(renderer_);
    }
    present_texture(to);
}

void Player::report_slide_shown() {
    if (!showing_ || !options_.on_slide_shown) return;
    const SlideRef& slide = deck_.slide(current_index_);
    if (slide.item_id.empty()) return;  // the waiting slide proves nothing
    options_.on_slide_shown(core::PlayRecord{
        .item_id = slide.item_id,
        .source_id = slide.source_id,
        .started_at = current_started_at_,
        .duration_milliseconds = static_cast<std::int64_t>(SDL_GetTicks64() - current_started_ticks_)});
}

void Player::show(std::size_t index, bool with_transition) {
    report_slide_shown();  // the slide on screen is leaving it
    SDL_SetRenderTarget(renderer_, incoming_.get());
    deck_.draw(index, clock_.now());
    SDL_SetRenderTarget(renderer_, nullptr);
    if (with_transition) {
        crossfade(current_.get(), incoming_.get());
    } else {
        present_texture(incoming_.get());
    }
    std::swap(current_, incoming_);
    current_index_ = index;
    showing_ = true;
    current_started_at_ = clock_.now();
    current_started_ticks_ = SDL_GetTicks64();
}

void Player::redraw_current() {
    SDL_SetRenderTarget(renderer_, current_.get());
    deck_.draw(current_index_, clock_.now());
    present_texture(current_.get());
}

int Player::run() {
    // However run() ends, the last slide's time on screen is reported too.
    struct ReportLastSlide {
        Player& player;
        ~ReportLastSlide() {
            try {
                player.report_slide_shown();
            } catch (const std::exception& error) {
                log(LogLevel::warning, "player", std::string("last slide not reported: ") + error.what());
            }
        }
    } report_last_slide{*this};
    deck_.refresh(clock_.now());
    show(deck_.advance(clock_.now()), false);
    Uint64 slide_started = SDL_GetTicks64();
    core::UnixSeconds minute_shown = clock_.now() / 60;

    for (;;) {
        Uint64 duration_ms = Uint64(deck_.slide(current_index_).duration_seconds) * 1000;
        Uint64 elapsed = SDL_GetTicks64() - slide_started;
        // Wake for whichever comes first: the slide's end or the clock's next minute.
        Uint64 until_slide_end = elapsed >= duration_ms ? 0 : duration_ms - elapsed;
        Uint64 until_minute = Uint64(60 - clock_.now() % 60) * 1000;
        Uint64 wait = paused_ ? until_minute : std::min(until_slide_end, until_minute);
        auto watchdog = options_.service_notifier ? options_.service_notifier->watchdog_interval() : std::nullopt;
        // Wake twice per watchdog interval so one late ping never gets the kiosk killed.
        if (watchdog) wait = std::min<Uint64>(wait, Uint64(watchdog->count()) / 2);

        SDL_Event event;
        bool got_event = wait_for_event(event, static_cast<Uint32>(std::max<Uint64>(wait, 1)));
        if (options_.service_notifier) options_.service_notifier->watchdog_ping();
        std::optional<std::size_t> jump_to;
        while (got_event) {
            if (options_.content_changed_event != 0 && event.type == options_.content_changed_event) {
                content_changed_ = true;
            }
            switch (event.type) {
                case SDL_QUIT: return 0;
                case SDL_KEYDOWN:
                    switch (event.key.keysym.sym) {
                        case SDLK_ESCAPE:
                        case SDLK_q: return 0;
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
                        default: break;
                    }
                    break;
                case SDL_RENDER_DEVICE_RESET:
                    // Every texture is gone (e.g. HDMI replugged): the caches' ones too.
                    deck_.forget_textures();
                    [[fallthrough]];
                case SDL_RENDER_TARGETS_RESET:
                    // The GPU lost our target textures: draw again.
                    redraw_current();
                    break;
                case SDL_MOUSEBUTTONUP:
                    // A tap (a touchscreen's taps arrive as mouse clicks too): right half next, left half previous.
                    if (event.button.button == SDL_BUTTON_LEFT) {
                        jump_to = event.button.x * 2 >= options_.width ? next_index(current_index_)
                                                                       : previous_index(current_index_);
                    }
                    break;
                case SDL_WINDOWEVENT:
                    if (event.window.event == SDL_WINDOWEVENT_EXPOSED) present_texture(current_.get());
                    break;
                default: break;
            }
            got_event = SDL_PollEvent(&event) == 1;
        }

        if (jump_to) {
            show(*jump_to, false);
            slide_started = SDL_GetTicks64();
            continue;
        }
        if (!paused_ && SDL_GetTicks64() - slide_started >= duration_ms) {
            if (options_.once && deck_.rotation_complete(clock_.now())) return 0;
            if (content_changed_) {
                // New content from the sync thread joins at a slide boundary, never mid-slide.
                content_changed_ = false;
                deck_.refresh(clock_.now());
            }
            show(next_index(current_index_), true);
            slide_started = SDL_GetTicks64();
            minute_shown = clock_.now() / 60;
            continue;
        }
        if (clock_.now() / 60 != minute_shown) {
            minute_shown = clock_.now() / 60;
            if (!paused_ && deck_.has_preempting_item(clock_.now())) {
                // An urgent item's window opened: it cuts the current slide short.
                show(deck_.advance(clock_.now()), true);
                slide_started = SDL_GetTicks64();
                continue;
            }
            redraw_current();
        }
    }
}

}  // namespace bangvang::kiosk
