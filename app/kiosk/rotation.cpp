#include "kiosk/rotation.hpp"

#include <algorithm>

namespace bangvang::kiosk {

std::vector<SlideRef> plan_rotation(const std::vector<const core::Item*>& items, const PageCounter& count_pages) {
    std::vector<std::size_t> order(items.size());
    for (std::size_t index = 0; index < order.size(); ++index) order[index] = index;
    std::stable_partition(order.begin(), order.end(), [&](std::size_t index) {
        return items[index]->schedule.priority == core::Priority::urgent;
    });

    std::vector<SlideRef> slides;
    for (std::size_t index : order) {
        const core::Item& item = *items[index];
        int pages = std::max(1, count_pages(item));
        for (int page = 0; page < pages; ++page) {
            slides.push_back(SlideRef{.item_index = index,
                                      .page = page,
                                      .page_count = pages,
                                      .duration_seconds = item.schedule.duration_seconds});
        }
    }
    return slides;
}

}  // namespace bangvang::kiosk
