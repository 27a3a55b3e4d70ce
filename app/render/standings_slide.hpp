#pragma once
// An emulation cluster's score table as a ranked bar chart: rank, unit, a bar
// proportional to the score, the score, and the change of rank since last period.
#include <string>

#include "core/model.hpp"
#include "render/slide_canvas.hpp"

namespace bangvang::render {

// Rows a page holds: a row is never lower than the unit's name needs at the body's
// legible size (slide_report.hpp's TextRole).
int standings_rows_per_page(SlideCanvas& canvas, const core::Standings& standings);
int standings_page_count(SlideCanvas& canvas, const core::Standings& standings);
void draw_standings_slide(SlideCanvas& canvas, const core::Standings& standings, int page);

// "95,5" (Vietnamese decimal comma), "100" for whole numbers.
std::string score_label(double score);

}  // namespace bangvang::render
