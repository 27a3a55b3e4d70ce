#pragma once
// The ticker: short announcements scrolling right to left in a strip over the
// footer, one after another with a gold star between them, end to end forever.
// Drawn every frame while it moves, so it only ever takes cached text textures.
#include <cstdint>
#include <string>
#include <vector>

#include "render/slide_canvas.hpp"

namespace bangvang::render {

// The size the messages are drawn at, as a report (role body, font size, cap height and
// its floor; no text): the strip is drawn outside the slide's fitter.
TextBlockReport ticker_text_report(SlideCanvas& canvas);

// The length in pixels of one pass of `messages` (each with the gap and star that
// follows it); 0 when there is nothing to show or the slide has no ticker strip.
int ticker_cycle_width(SlideCanvas& canvas, const std::vector<std::string>& messages);

// Repaints the strip (geometry.ticker) with the messages moved `scroll` pixels to the
// left of their starting place, the strip's left edge; they repeat every cycle width.
void draw_ticker_strip(SlideCanvas& canvas, const std::vector<std::string>& messages, std::int64_t scroll);

}  // namespace bangvang::render
