#pragma once
// An anniversary: the event, "Còn N ngày" or "N năm" in large gold figures, the
// dates, and a few lines about it, on a deep red panel.
#include "core/clock_time.hpp"
#include "core/model.hpp"
#include "render/slide_canvas.hpp"

namespace bangvang::render {

// A body too long for one page goes on over further pages (at most max_body_pages); the
// countdown depends on `today`, so the page count does too.
int commemoration_page_count(SlideCanvas& canvas, const core::Commemoration& commemoration, core::CivilDate today);
void draw_commemoration_slide(SlideCanvas& canvas, const core::Commemoration& commemoration, core::CivilDate today,
                              int page);

}  // namespace bangvang::render
