#pragma once
// An anniversary: the event, "Còn N ngày" or "N năm" in large gold figures, the
// dates, and a few lines about it, on a deep red panel.
#include "core/clock_time.hpp"
#include "core/model.hpp"
#include "render/slide_canvas.hpp"

namespace bangvang::render {

void draw_commemoration_slide(SlideCanvas& canvas, const core::Commemoration& commemoration, core::CivilDate today);

}  // namespace bangvang::render
