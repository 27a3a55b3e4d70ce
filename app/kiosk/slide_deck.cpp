#include "kiosk/slide_deck.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace bangvang::kiosk {

namespace {

// Enough to step back through the last few minutes; the rest is forgotten.
constexpr std::size_t remembered_slides = 32;
// The cache is re-read when the content changes; this catches anything else (an
// item's audience or pages after a theme change) without a query per slide.
constexpr core::UnixSeconds refresh_interval_seconds = 600;
constexpr int waiting_slide_seconds = 30;

std::string page_key(const std::string& key, int page) { return key + "#" + std::to_string(page); }

// A ticker line is read in passing: a long title is cut at a word and ends with "…".
std::string ticker_line(const std::string& title) {
    constexpr std::size_t longest = 160;  // bytes; also keeps its texture within a GPU's size limit
    if (title.size() <= longest) return title;
    std::size_t cut = title.rfind(' ', longest);
    if (cut == std::string::npos || cut < longest / 2) {
        cut = longest;
        while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;  // not inside a letter
    }
    return title.substr(0, cut) + "…";
}

}  // namespace

SlideDeck::SlideDeck(const store::ContentCache& cache, render::SlideRenderer& renderer, const KioskConfig& config)
    : cache_(cache),
      renderer_(renderer),
      config_(config),
      scheduler_(core::SchedulerOptions{.utc_offset_minutes = config.utc_offset_minutes}) {}

void SlideDeck::refresh(core::UnixSeconds now) {
    // Audience is fixed per kiosk; windows, days and hours are the scheduler's to judge at each pick.
    items_.clear();
    candidates_.clear();
    for (store::StoredItem& stored : cache_.all_items()) {
        if (!core::is_in_audience(stored.item.audience, config_.identity)) continue;
        candidates_.push_back(core::ScheduleCandidate{.key = stored.source_id + "/" + stored.item.id,
                                                      .source_id = stored.source_id,
                                                      .schedule = stored.item.schedule});
        items_.push_back(std::make_shared<const store::StoredItem>(std::move(stored)));
    }
    page_counts_.assign(candidates_.size(), not_counted);
    source_states_ = cache_.sources();
    refreshed_at_ = now;
    pages_shown_.clear();
    renderer_.forget_failed_images();  // media fetched again since are drawn from now on
}

bool SlideDeck::empty() const {
    if (!history_.empty()) return history_.back().slide.waiting;
    return candidates_.empty();
}

std::size_t SlideDeck::advance(core::UnixSeconds now) {
    if (refreshed_at_ == 0 || now - refreshed_at_ >= refresh_interval_seconds || now < refreshed_at_) refresh(now);
    Shown next;
    if (auto picked = scheduler_.next(candidates_, now, [this](std::size_t index) { return page_count(index); })) {
        next.item = items_.at(picked->candidate);
        next.slide = SlideRef{.page = picked->page,
                              .page_count = picked->page_count,
                              .duration_seconds = picked->duration_seconds,
                              .urgent = picked->urgent,
                              .item_id = next.item->item.id,
                              .source_id = next.item->source_id};
        pages_shown_.insert(page_key(candidates_.at(picked->candidate).key, picked->page));
    } else {
        next.slide = SlideRef{.duration_seconds = waiting_slide_seconds, .waiting = true};
    }
    history_.push_back(std::move(next));
    if (history_.size() > remembered_slides) {
        history_.pop_front();
        ++first_position_;
    }
    return first_position_ + history_.size() - 1;
}

std::size_t SlideDeck::next(std::size_t position, core::UnixSeconds now) {
    if (position + 1 < first_position_ + history_.size()) return position + 1;
    return advance(now);
}

std::size_t SlideDeck::previous(std::size_t position) const {
    return position > first_position_ ? position - 1 : first_position_;
}

int SlideDeck::page_count(std::size_t index) {
    int& count = page_counts_.at(index);
    if (count == not_counted) count = std::max(1, renderer_.page_count(items_.at(index)->item));
    return count;
}

bool SlideDeck::rotation_complete(core::UnixSeconds now) {
    for (std::size_t index = 0; index < candidates_.size(); ++index) {
        const core::ScheduleCandidate& candidate = candidates_[index];
        if (!core::is_scheduled_at(candidate.schedule, now, config_.utc_offset_minutes)) continue;
        for (int page = 0; page < page_count(index); ++page) {
            if (!pages_shown_.contains(page_key(candidate.key, page))) return false;
        }
    }
    return !history_.empty();
}

bool SlideDeck::has_preempting_item(core::UnixSeconds now) const {
    return scheduler_.has_preempting_item(candidates_, now);
}

const SlideDeck::Shown& SlideDeck::shown(std::size_t position) const {
    if (position < first_position_ || position >= first_position_ + history_.size()) {
        throw std::out_of_range("slide position " + std::to_string(position) + " is no longer remembered");
    }
    return history_[position - first_position_];
}

const SlideRef& SlideDeck::slide(std::size_t position) const { return shown(position).slide; }

std::string SlideDeck::slide_name(std::size_t position) const {
    char number[24];
    std::snprintf(number, sizeof number, "%03zu-", position + 1);
    const Shown& entry = shown(position);
    if (!entry.item) return std::string(number) + "waiting";
    std::string name = number + entry.item->item.id;
    if (entry.slide.page_count > 1) name += "-p" + std::to_string(entry.slide.page + 1);
    return name;
}

render::SlideFrame SlideDeck::frame_for(const std::string& source_name, core::UnixSeconds now) const {
    return render::SlideFrame{.place_name = config_.place_name,
                              .kiosk_id = config_.identity.kiosk_id,
                              .source_name = source_name,
                              .now = core::to_wall_clock(now, config_.utc_offset_minutes)};
}

std::vector<std::string> SlideDeck::ticker_messages(core::UnixSeconds now) const {
    std::vector<std::string> messages;
    if (!config_.ticker.enabled) return messages;
    if (config_.ticker.announcements) {
        for (const auto& stored : items_) {
            const auto* announcement = std::get_if<core::Announcement>(&stored->item.content);
            if (!announcement || announcement->title.empty()) continue;
            if (!core::is_scheduled_at(stored->item.schedule, now, config_.utc_offset_minutes)) continue;
            messages.push_back(ticker_line(announcement->title));
        }
    }
    for (const std::string& message : config_.ticker.messages) messages.push_back(ticker_line(message));
    return messages;
}

core::WallClock SlideDeck::wall_clock(core::UnixSeconds now) const {
    return core::to_wall_clock(now, config_.utc_offset_minutes);
}

render::SlideReport SlideDeck::draw(std::size_t position, core::UnixSeconds now) {
    const Shown& entry = shown(position);
    if (!entry.item) return renderer_.draw_waiting(frame_for("", now));
    render::SlideFrame frame = frame_for(entry.item->source_name, now);
    if (notice_provider_) frame.notice = notice_provider_(entry.item->source_id, now);
    return renderer_.draw(entry.item->item, entry.slide.page, frame);
}

}  // namespace bangvang::kiosk
