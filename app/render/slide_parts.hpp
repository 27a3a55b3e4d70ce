#pragma once
// Pieces several templates share: the title block of list slides, the gold rule,
// the page indicator, and how lists are split into pages.
#include <initializer_list>
#include <string>
#include <string_view>

#include "render/body_pages.hpp"
#include "render/slide_canvas.hpp"

namespace bangvang::render {

// Noto Sans puts baselines about 1.36 em apart (1.375 once SDL_ttf rounds up);
// boxes sized without measuring (page counts) use a little more, so a single line
// is never shrunk for want of a pixel.
inline constexpr double line_height_ratio = 1.4;

// Height of the title block of list slides (standings, honour roll), gap included: a
// subtitle too long for one line at its legible size takes a second.
int list_title_block_height(SlideCanvas& canvas, const std::string& subtitle);

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

// The "Trang 2/3" pill, its top-right corner at `top_right`, vertically centred on a line
// `line_height` tall; returns its rectangle (empty when there is one page).
SDL_Rect draw_page_pill(SlideCanvas& canvas, int page, int page_count, SDL_Point top_right, int line_height);
int page_pill_width(SlideCanvas& canvas, int page, int page_count);

// A canvas with the same tools that places blocks without drawing them, reporting into
// `scratch`: templates run their own layout through it to learn where the body goes.
SlideCanvas layout_canvas(const SlideCanvas& canvas, SlideReport& scratch);

// A body over the pages of its slide: one page when it fits in `first` at any size down to
// the style's minimum, otherwise pages at the style's full size (body_pages.hpp).
struct PagedBody {
    BodyPlan plan;
    TextStyle style;  // to draw every page with
};
PagedBody plan_paged_body(SlideCanvas& canvas, const std::vector<std::string>& body, const TextStyle& style,
                          TextSize first, TextSize next);

// Draws page `page` of a paged body in `box`; on the last page of a cut body the report
// records what is not shown.
void draw_paged_body(SlideCanvas& canvas, const PagedBody& body, int page, SDL_Rect box);

// "a · b · c" without the empty ones.
std::string joined(std::initializer_list<std::string> parts, std::string_view separator = " · ");

}  // namespace bangvang::render
