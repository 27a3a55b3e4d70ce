#pragma once
// What the player can show right now: the playable items from the cache, planned
// into slides, and how to draw any one of them. Both the windowed player and the
// headless runner go through here, so they show the same thing.
#include <string>
#include <vector>

#include "kiosk/kiosk_config.hpp"
#include "kiosk/rotation.hpp"
#include "render/slide_renderer.hpp"
#include "store/content_cache.hpp"

namespace bangvang::kiosk {

class SlideDeck {
public:
    SlideDeck(const store::ContentCache& cache, render::SlideRenderer& renderer, const KioskConfig& config);

    // Re-reads the cache: items whose windows opened or closed change the deck.
    void refresh(core::UnixSeconds now);

    bool empty() const { return slides_.empty(); }
    std::size_t size() const { return slides_.size(); }
    const SlideRef& slide(std::size_t index) const { return slides_.at(index); }
    // "003-story-nguyen-thi-hoa-p2": file name stem for screenshots and log lines.
    std::string slide_name(std::size_t index) const;

    // Draws slide `index` (or, when the deck is empty, the waiting slide) onto the
    // renderer's current target.
    render::SlideReport draw(std::size_t index, core::UnixSeconds now);

private:
    render::SlideFrame frame_for(const std::string& source_name, core::UnixSeconds now) const;

    const store::ContentCache& cache_;
    render::SlideRenderer& renderer_;
    const KioskConfig& config_;
    std::vector<store::StoredItem> items_;
    std::vector<SlideRef> slides_;
};

}  // namespace bangvang::kiosk
