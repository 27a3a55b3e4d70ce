#include "kiosk/slide_deck.hpp"

#include <cstdio>

namespace bangvang::kiosk {

SlideDeck::SlideDeck(const store::ContentCache& cache, render::SlideRenderer& renderer, const KioskConfig& config)
    : cache_(cache), renderer_(renderer), config_(config) {}

void SlideDeck::refresh(core::UnixSeconds now) {
    items_ = cache_.playable_items(config_.identity, now, config_.utc_offset_minutes);
    std::vector<const core::Item*> items;
    items.reserve(items_.size());
    for (const auto& stored : items_) items.push_back(&stored.item);
    slides_ = plan_rotation(items, [this](const core::Item& item) { return renderer_.page_count(item); });
}

std::string SlideDeck::slide_name(std::size_t index) const {
    char number[16];
    std::snprintf(number, sizeof number, "%03zu-", index + 1);
    if (slides_.empty()) return std::string(number) + "waiting";
    const SlideRef& slide = slides_.at(index);
    std::string name = number + items_.at(slide.item_index).item.id;
    if (slide.page_count > 1) name += "-p" + std::to_string(slide.page + 1);
    return name;
}

render::SlideFrame SlideDeck::frame_for(const std::string& source_name, core::UnixSeconds now) const {
    return render::SlideFrame{.place_name = config_.place_name,
                              .kiosk_id = config_.identity.kiosk_id,
                              .source_name = source_name,
                              .now = core::to_wall_clock(now, config_.utc_offset_minutes)};
}

render::SlideReport SlideDeck::draw(std::size_t index, core::UnixSeconds now) {
    if (slides_.empty()) return renderer_.draw_waiting(frame_for("", now));
    const SlideRef& slide = slides_.at(index);
    const store::StoredItem& stored = items_.at(slide.item_index);
    return renderer_.draw(stored.item, slide.page, frame_for(stored.source_name, now));
}

}  // namespace bangvang::kiosk
