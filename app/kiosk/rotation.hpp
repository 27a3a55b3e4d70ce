#pragma once
// The order slides play in: every page of every playable item, urgent items first,
// feed order otherwise. (A fairer, weighted scheduler belongs to app/core later.)
#include <cstddef>
#include <functional>
#include <vector>

#include "core/model.hpp"

namespace bangvang::kiosk {

struct SlideRef {
    std::size_t item_index = 0;  // into the item list the rotation was built from
    int page = 0;
    int page_count = 1;
    int duration_seconds = 15;
};

using PageCounter = std::function<int(const core::Item&)>;

std::vector<SlideRef> plan_rotation(const std::vector<const core::Item*>& items, const PageCounter& count_pages);

}  // namespace bangvang::kiosk
