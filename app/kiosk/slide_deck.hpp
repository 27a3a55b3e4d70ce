#pragma once
// What the player shows: the kiosk's items from the cache, put in order by the core
// scheduler one slide at a time, and how to draw any of them. The windowed player
// and the headless runner both go through here, so they show the same thing.
//
// Slides are numbered by position: 0 is the first slide shown since start, and the
// deck remembers the last few so that "previous" can go back to them.
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/scheduler.hpp"
#include "kiosk/kiosk_config.hpp"
#include "render/slide_renderer.hpp"
#include "store/content_cache.hpp"

namespace bangvang::kiosk {

struct SlideRef {
    int page = 0;
    int page_count = 1;
    int duration_seconds = 15;
    bool urgent = false;
    bool waiting = false;  // nothing could play: the waiting slide
    std::string item_id{};  // empty for the waiting slide (proof of play names these)
    std::string source_id{};
};

class SlideDeck {
public:
    SlideDeck(const store::ContentCache& cache, render::SlideRenderer& renderer, const KioskConfig& config);

    // Re-reads the cache (the content changed). The scheduler's memory of what it showed
    // stays, so fairness carries on across content updates.
    void refresh(core::UnixSeconds now);

    // No item could play at the last pick (or refresh, before any pick).
    bool empty() const;
    // Schedules the next slide and returns its position.
    std::size_t advance(core::UnixSeconds now);
    // The slide after `position`: one already remembered, or a newly scheduled one.
    std::size_t next(std::size_t position, core::UnixSeconds now);
    // The remembered slide before `position`, or `position` itself at the start of memory.
    std::size_t previous(std::size_t position) const;
    // Every page of every item playable since the last refresh has been shown.
    // Lays out every playable item not yet shown to count its pages: for `--once` runs.
    bool rotation_complete(core::UnixSeconds now);
    // An urgent item became playable and waits: cut the current slide short.
    bool has_preempting_item(core::UnixSeconds now) const;

    const SlideRef& slide(std::size_t position) const;
    // "003-story-nguyen-thi-hoa-p2": file name stem for screenshots and log lines.
    std::string slide_name(std::size_t position) const;
    // Every source in the cache as of the last refresh (what the deck's items came with):
    // the footer's notice reads these for every slide, not the cache.
    const std::vector<store::SourceState>& source_states() const { return source_states_; }
    std::size_t item_count() const { return items_.size(); }

    // The renderer lost its textures (SDL_RENDER_DEVICE_RESET): make them again on the next draw.
    void forget_textures() { renderer_.forget_textures(); }

    // What the footer says about a source's content ("" when fresh): see kiosk/status_report.
    using NoticeProvider = std::function<std::string(const std::string& source_id, core::UnixSeconds now)>;
    void set_notice_provider(NoticeProvider provider) { notice_provider_ = std::move(provider); }

    // Draws the slide at `position` onto the renderer's current target.
    render::SlideReport draw(std::size_t position, core::UnixSeconds now);

    // The ticker's lines (empty when the config has no ticker): the titles of the
    // announcements that may play now, when the config asks for them, then the config's own.
    std::vector<std::string> ticker_messages(core::UnixSeconds now) const;
    // The local wall clock the header shows at `now`.
    core::WallClock wall_clock(core::UnixSeconds now) const;
    render::SlideRenderer& renderer() { return renderer_; }

private:
    struct Shown {
        std::shared_ptr<const store::StoredItem> item;  // null: the waiting slide
        SlideRef slide;
    };

    render::SlideFrame frame_for(const std::string& source_name, core::UnixSeconds now) const;
    const Shown& shown(std::size_t position) const;
    // The pages of candidates_[index], laid out the first time it plays after a refresh.
    int page_count(std::size_t index);

    const store::ContentCache& cache_;
    render::SlideRenderer& renderer_;
    const KioskConfig& config_;
    core::Scheduler scheduler_;
    std::vector<std::shared_ptr<const store::StoredItem>> items_;
    std::vector<core::ScheduleCandidate> candidates_;
    static constexpr int not_counted = 0;
    std::vector<int> page_counts_;  // by candidate; counted when the scheduler asks (core::PageCounter)
    std::vector<store::SourceState> source_states_;
    core::UnixSeconds refreshed_at_ = 0;
    std::set<std::string> pages_shown_;  // "key#page" since the last refresh
    std::deque<Shown> history_;
    std::size_t first_position_ = 0;  // position of history_.front()
    NoticeProvider notice_provider_;
};

}  // namespace bangvang::kiosk
