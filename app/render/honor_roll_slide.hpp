#pragma once
// A school's or unit's honoured people as a grid of cards: name, class, achievement.
#include "core/model.hpp"
#include "render/slide_canvas.hpp"

namespace bangvang::render {

struct HonorGrid {
    int columns = 1;
    int rows = 1;
    int per_page() const { return columns * rows; }
};

HonorGrid honor_roll_grid(const SlideGeometry& geometry);
int honor_roll_page_count(const SlideGeometry& geometry, const core::HonorRoll& roll);
void draw_honor_roll_slide(SlideCanvas& canvas, const core::HonorRoll& roll, int page);

}  // namespace bangvang::render
