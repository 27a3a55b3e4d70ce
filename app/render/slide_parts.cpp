#include "render/slide_parts.hpp"

#include <algorithm>
#include <cmath>

namespace bangvang::render {

namespace {
// Portrait screens are narrow: a long title gets a second line rather than being cut.
int title_lines(const SlideGeometry& geometry) { return geometry.portrait ? 2 : 1; }
}  // namespace

int list_title_block_height(const SlideGeometry& geometry, const Theme& theme) {
    const double lines = theme.text.title * line_height_ratio * title_lines(geometry) +
                         theme.text.subtitle * line_height_ratio;
    return geometry.px(lines) + geometry.gap * 3 / 2;
}

std::string page_label(int page, int page_count) {
    return "Trang " + std::to_string(page + 1) + "/" + std::to_string(page_count);
}

void draw_gold_rule(SlideCanvas& canvas, int x, int y, int width) {
    const int thickness = std::max(2, canvas.px(0.005));
    canvas.shapes.rounded_rect(SDL_Rect{x, y, width, thickness}, thickness / 2,
                               Fill{canvas.colours().gold, canvas.colours().gold_light, GradientDirection::horizontal});
}

int draw_list_title_block(SlideCanvas& canvas, const std::string& title, const std::string& subtitle, int page,
                          int page_count) {
    const SDL_Rect content = canvas.geometry.content;
    const Theme& theme = canvas.theme;
    const int title_size = canvas.px(theme.text.title);
    const int subtitle_size = canvas.px(theme.text.subtitle);
    const int title_line = static_cast<int>(std::lround(title_size * line_height_ratio));
    const int title_height = title_line * title_lines(canvas.geometry);
    const int subtitle_height = static_cast<int>(std::lround(subtitle_size * line_height_ratio));

    int title_right = content.x + content.w;
    if (page_count > 1) {
        const TextStyle page_style{.weight = FontWeight::bold, .size = canvas.px(theme.text.caption * 1.1),
                                   .colour = canvas.colours().header_text};
        const std::string label = page_label(page, page_count);
        const int width = canvas.text_painter.fit({label}, page_style, content.w / 4, title_line).width +
                          page_style.size * 6 / 5;
        const int height = static_cast<int>(std::lround(page_style.size * line_height_ratio)) + page_style.size / 2;
        SDL_Point corner{content.x + content.w - width, content.y + (title_line - height) / 2};
        canvas.pill(label, corner, width,
                    page_style, Fill{canvas.colours().header_top, canvas.colours().header_bottom,
                                     GradientDirection::vertical});
        title_right = corner.x - canvas.geometry.gap;
    }
    const TextStyle title_style{.weight = FontWeight::bold, .size = title_size, .min_size = title_size * 7 / 10,
                                .colour = canvas.colours().title, .vertical = VerticalAlign::middle,
                                .paragraph_gap = 0, .max_lines = title_lines(canvas.geometry)};
    // A one-line title in a two-line area keeps to the top; the subtitle follows it.
    TextStyle full_size = title_style;
    full_size.min_size = 0;
    full_size.max_lines = 1;
    const bool single_line =
        title_lines(canvas.geometry) == 1 ||
        !canvas.text_painter.fit({title}, full_size, title_right - content.x, title_line).truncated;
    const int area = single_line ? title_line : title_height;
    DrawnText drawn = canvas.text(title, title_style, SDL_Rect{content.x, content.y, title_right - content.x, area});
    int y = std::max(content.y + area, drawn.occupied.y + drawn.occupied.h);
    if (!subtitle.empty()) {
        const TextStyle subtitle_style{.weight = FontWeight::regular, .size = subtitle_size,
                                       .min_size = subtitle_size * 3 / 4, .colour = canvas.colours().text_muted,
                                       .vertical = VerticalAlign::middle};
        canvas.text(subtitle, subtitle_style, SDL_Rect{content.x, y, content.w, subtitle_height});
    }
    y += subtitle_height + canvas.geometry.gap / 3;
    draw_gold_rule(canvas, content.x, y, canvas.px(0.16));
    return content.y + list_title_block_height(canvas.geometry, theme);
}

int pages_for(int count, int per_page) {
    per_page = std::max(1, per_page);
    return std::max(1, (count + per_page - 1) / per_page);
}

PageSlice page_slice(int count, int per_page, int page) {
    const int pages = pages_for(count, per_page);
    page = std::clamp(page, 0, pages - 1);
    const int even = (count + pages - 1) / pages;
    PageSlice slice;
    slice.first = std::min(count, page * even);
    slice.count = std::min(even, count - slice.first);
    return slice;
}

std::string joined(std::initializer_list<std::string> parts, std::string_view separator) {
    std::string text;
    for (const std::string& part : parts) {
        if (part.empty()) continue;
        if (!text.empty()) text += separator;
        text += part;
    }
    return text;
}

}  // namespace bangvang::render
