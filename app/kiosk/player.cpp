#include "kiosk/player.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <optional>
#include <utility>

#include "kiosk/log.hpp"
#include "render/crossfade.hpp"

namespace bangvang::kiosk {

namespace {

// The ticker moves about a ninth of the screen's shorter side a second (120 px/s at
// 1080p), in whole pixels per frame: uneven steps would make it judder.
constexpr double ticker_speed_per_second = 0.11;

std::int64_t date_key(const core::WallClock& clock) {
    return std::int64_t{clock.date.year} * 10000 + clock.date.month * 100 + clock.date.day;
}

double milliseconds_between(Uint64 from_counter, Uint64 to_counter) {
    return static_cast<double>(to_counter - from_counter) * 1000.0 / static_cast<double>(SDL_GetPerformanceFrequency());
}

}  // namespace

Player::Player(SDL_Renderer* renderer, SlideDeck& deck, const KioskClock& clock, const PlayerOptions& options)
    : renderer_(renderer),
      deck_(deck),
      clock_(clock),
      options_(options),
      output_(renderer, render::FrameShape{.width = options.width, .height = options.height, .rotation = options.rotation}),
      current_(render::create_target_texture(renderer, options.width, options.height)) {}

std::size_t Player::next_index(std::size_t index) { return deck_.next(index, clock_.now()); }

std::size_t Player::previous_index(std::size_t index) const { return deck_.previous(index); }

void Player::set_overlay_visible(bool visible) {
    if (visible == overlay_visible_) return;
    overlay_visible_ = visible;
    whole_frame_needed_ = true;  // hiding it needs the slide under it back
}

void Player::draw_slide(SDL_Texture* target, std::size_t index) {
    const Uint64 start = SDL_GetPerformanceCounter();
    SDL_SetRenderTarget(renderer_, target);
    deck_.draw(index, clock_.now());
    statistics_.last_slide_milliseconds = milliseconds_between(start, SDL_GetPerformanceCounter());
}

void Player::update_ticker() {
    std::vector<std::string> messages = deck_.ticker_messages(clock_.now());
    if (messages == ticker_.messages && ticker_.started_ticks != 0) return;  // keeps scrolling where it is
    ticker_.messages = std::move(messages);
    ticker_.cycle_width = deck_.renderer().ticker_cycle_width(ticker_.messages);
    const double unit = std::min(options_.width, options_.height);
    ticker_.pixels_per_frame = std::max(1, static_cast<int>(std::lround(unit * ticker_speed_per_second / output_.refresh_hz())));
    ticker_.started_ticks = SDL_GetTicks64();
}

std::int64_t Player::ticker_scroll(Uint64 ticks) const {
    if (ticker_.cycle_width <= 0) return 0;
    const auto frame = static_cast<std::int64_t>(
        std::llround(static_cast<double>(ticks - ticker_.started_ticks) * output_.refresh_hz() / 1000.0));
    return frame * ticker_.pixels_per_frame % ticker_.cycle_width;
}

void Player::draw_ticker(Uint64 ticks) {
    if (!ticker_moving()) return;
    ticker_.drawn_scroll = ticker_scroll(ticks);
    deck_.renderer().draw_ticker(ticker_.messages, ticker_.drawn_scroll);
}

void Player::compose_frame(std::optional<SDL_Rect> changed) {
    const Uint64 start = SDL_GetPerformanceCounter();
    output_.begin_frame();
    SDL_SetTextureBlendMode(current_.get(), SDL_BLENDMODE_NONE);
    SDL_SetTextureAlphaMod(current_.get(), 255);
    // Where the last frame is still on the output, only what changed is copied again;
    // an overlay (possibly translucent) is drawn over a whole frame each time.
    if (whole_frame_needed_ || !output_.keeps_frame() || overlay_visible_) {
        SDL_RenderCopy(renderer_, current_.get(), nullptr, nullptr);
    } else if (changed) {
        SDL_RenderCopy(renderer_, current_.get(), &*changed, &*changed);
    }
    draw_ticker(SDL_GetTicks64());
    if (overlay_visible_ && options_.draw_overlay) options_.draw_overlay(renderer_);
    // Measured before present(), which may sleep until the display's next refresh.
    statistics_.last_frame_milliseconds = milliseconds_between(start, SDL_GetPerformanceCounter());
    output_.present();
    if (statistics_.frames == 0) {
        // What a restart costs the viewer: the bench times this line from the kiosk's exec.
        timespec cpu{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
        const long long cpu_milliseconds = static_cast<long long>(cpu.tv_sec) * 1000 + cpu.tv_nsec / 1000000;
        log(LogLevel::info, "player",
            "first frame presented " + std::to_string(SDL_GetTicks64()) + " ms after SDL started, " +
                std::to_string(cpu_milliseconds) + " ms of CPU since the process started");
    }
    whole_frame_needed_ = false;
    last_frame_ticks_ = SDL_GetTicks64();
    ++statistics_.frames;
}

void Player::crossfade(SDL_Texture* from, SDL_Texture* to) {
    Uint64 start = SDL_GetTicks64();
    int frames = 0;
    double total_milliseconds = 0;
    double worst_milliseconds = 0;
    Uint64 frame_started = 0;
    // Paced by vsync, or by FrameOutput at the display's refresh rate without it, and
    // no faster than transition_frames_per_second.
    const Uint64 frequency = SDL_GetPerformanceFrequency();
    const Uint64 frame_interval =
        options_.transition_frames_per_second > 0 ? frequency / Uint64(options_.transition_frames_per_second) : 0;
    for (;;) {
        if (frame_started != 0 && frame_interval > 0) {
            const Uint64 due = frame_started + frame_interval;
            const Uint64 now = SDL_GetPerformanceCounter();
            if (due > now) SDL_Delay(static_cast<Uint32>(((due - now) * 1000 + frequency - 1) / frequency));
        }
        double progress = render::crossfade_progress(SDL_GetTicks64() - start,
                                                     Uint64(std::max(options_.transition_milliseconds, 0)));
        if (progress >= 1.0) break;
        const Uint64 counter = SDL_GetPerformanceCounter();
        if (frame_started != 0) {
            // From one frame's start to the next: what the viewer sees, pacing included.
            const double frame_milliseconds = milliseconds_between(frame_started, counter);
            ++frames;
            total_milliseconds += frame_milliseconds;
            worst_milliseconds = std::max(worst_milliseconds, frame_milliseconds);
        }
        frame_started = counter;
        output_.begin_frame();
        render::draw_crossfade(renderer_, from, to, progress);
        draw_ticker(SDL_GetTicks64());
        if (overlay_visible_ && options_.draw_overlay) options_.draw_overlay(renderer_);
        output_.present();
        ++statistics_.crossfade_frames;
        ++statistics_.frames;
    }
    ++statistics_.crossfades;
    if (frames > 0) {
        statistics_.last_transition_frames = frames;
        statistics_.last_transition_mean_milliseconds = total_milliseconds / frames;
        statistics_.last_transition_worst_milliseconds = worst_milliseconds;
    }
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

void Player::log_frame_figures() const {
    if (statistics_.crossfades == 0) return;
    char line[200];
    std::snprintf(line, sizeof line, "%llu crossfades, %.1f frames presented per crossfade, %llu frames in all",
                  static_cast<unsigned long long>(statistics_.crossfades),
                  static_cast<double>(statistics_.crossfade_frames) / static_cast<double>(statistics_.crossfades),
                  static_cast<unsigned long long>(statistics_.frames));
    log(LogLevel::info, "player", line);
}

void Player::show(std::size_t index, bool with_transition) {
    report_slide_shown();  // the slide on screen is leaving it
    if (with_transition) {
        // Made for the change and given back after it: while a slide stands (most of the
        // time) the kiosk holds one slide-sized texture, not two (8 MB at 1080p). Making
        // it costs little because it lies in huge pages (memory_tuning.hpp): four page
        // faults, not two thousand (kept instead, it saved 0.7 % of a core in 4 KB pages).
        incoming_ = render::create_target_texture(renderer_, options_.width, options_.height);
        draw_slide(incoming_.get(), index);
        update_ticker();
        crossfade(current_.get(), incoming_.get());
        std::swap(current_, incoming_);
        incoming_.reset();
    } else {
        // Nothing blends: the slide is drawn straight into the one on screen.
        draw_slide(current_.get(), index);
        update_ticker();
    }
    current_index_ = index;
    current_date_key_ = date_key(deck_.wall_clock(clock_.now()));
    whole_frame_needed_ = true;
    compose_frame();
    showing_ = true;
    current_started_at_ = clock_.now();
    current_started_ticks_ = SDL_GetTicks64();
}

std::optional<SDL_Rect> Player::redraw_clock() {
    const core::WallClock now = deck_.wall_clock(clock_.now());
    if (date_key(now) != current_date_key_) {
        // Midnight: the header's date changes too, so the whole slide is drawn again.
        draw_slide(current_.get(), current_index_);
        current_date_key_ = date_key(now);
        whole_frame_needed_ = true;
        return std::nullopt;
    }
    SDL_SetRenderTarget(renderer_, current_.get());
    return deck_.renderer().redraw_clock(now);
}

}  // namespace bangvang::kiosk
