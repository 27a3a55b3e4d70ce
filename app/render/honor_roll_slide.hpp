#pragma once
// A school's or unit's honoured people as a grid of cards: name, class, achievement.
// Every card of a roll uses the same sizes (one table, one type size): the name larger
// than body text, the achievement at the body's legible size, the class as a secondary
// line. Cards go in rows, each row as tall as its longest achievement (up to three
// lines, four in portrait; past that, fewer and wider columns); a page holds the rows that fit.
#include <vector>

#include "core/model.hpp"
#include "render/slide_canvas.hpp"

namespace bangvang::render {

// One page of the roll: entries [first, first + count), in rows of the layout's columns,
// each row as tall as its longest achievement needs.
struct HonorPage {
    int first = 0;
    int count = 0;
    std::vector<int> row_heights;
};

struct HonorLayout {
    int columns = 1;
    bool class_beside_name = true;  // the class at the right of the name line, on every card
    std::vector<HonorPage> pages;   // at least one
};

HonorLayout honor_roll_layout(SlideCanvas& canvas, const core::HonorRoll& roll);
int honor_roll_page_count(SlideCanvas& canvas, const core::HonorRoll& roll);
void draw_honor_roll_slide(SlideCanvas& canvas, const core::HonorRoll& roll, int page);

}  // namespace bangvang::render
