#pragma once
// Pieces several templates share: the title block of list slides, the gold rule,
// the page indicator, and how lists are split into pages.
#include <initializer_list>
#include <string>
#include <string_view>

#include "render/slide_canvas.hpp"

namespace bangvang::render {

// Noto Sans puts baselines about 1.36 em apart (1.375 once SDL_ttf rounds up);
// boxes sized without measuring (page counts) use a little more, so a single line
// is never shrunk for want of a pixel.
inline constexpr double line_height_ratio = 1.4;

// Height of the title block of list slides (standings, honour roll), gap included.
int list_title_block_height(const SlideGeometry& geometry, const Theme& theme);

// Title, subtitle, a short gold rule, and "Trang 1/2" at the right when there are
// several pages. Returns the y where the list starts.
int draw_list_title_block(SlideCanvas& canvas, const std::string& title, const std::string& subtitle, int page,
                          int page_count);

// "Trang 2/3"
std::string page_label(int page, int page_count);

// A short gold rule under a heading.
void draw_gold_rule(SlideCanvas& canvas, int x, int y, int width);

// Pages needed for `count` entries at `per_page`, and the entries on `page` spread
// evenly (30 at 16 a page: 15 + 15, not 16 + 14).
int pages_for(int count, int per_page);
struct PageSlice {
    int first = 0;
    int count = 0;
};
PageSlice page_slice(int count, int per_page, int page);

// "a · b · c" without the empty ones.
std::string joined(std::initializer_list<std::string> parts, std::string_view separator = " · ");

}  // namespace bangvang::render
