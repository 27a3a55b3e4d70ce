#pragma once
// An emulation cluster's score table as a ranked bar chart: rank, unit, a bar
// proportional to the score, the score, and the change of rank since last period.
#include <string>
#include <vector>

#include "core/model.hpp"
#include "render/slide_canvas.hpp"

namespace bangvang::render {

// Rows a page holds: a row is never lower than the unit's name needs at the body's
// legible size (slide_report.hpp's TextRole).
int standings_rows_per_page(SlideCanvas& canvas, const core::Standings& standings);
int standings_page_count(SlideCanvas& canvas, const core::Standings& standings);
void draw_standings_slide(SlideCanvas& canvas, const core::Standings& standings, int page);

// A table's scores all carry one decimal when any of them has one ("92,0" beside "96,5",
// as staff write them), none when all are whole ("100"): a column of mixed "92" and
// "91,4" misaligns its digits and reads as if a decimal were missing.
int score_decimals(const std::vector<core::StandingRow>& rows);
// "95,5" (Vietnamese decimal comma), rounded to DECIMALS (0 or 1).
std::string score_label(double score, int decimals);

}  // namespace bangvang::render
