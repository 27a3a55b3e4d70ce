#include "render/slide_parts.hpp"

#include <algorithm>
#include <cmath>

namespace bangvang::render {

namespace {
// Portrait screens are narrow: a long title gets a second line rather than being cut.
int title_lines(const SlideGeometry& geometry) { return geometry.portrait ? 2 : 1; }
}  // namespace

namespace {
TextStyle subtitle_style(const SlideCanvas& canvas) {
    const int size = canvas.px(canvas.theme.text.subtitle);
    return TextStyle{.weight = FontWeight::regular, .size = size, .min_size = size * 3 / 4,
                     .colour = canvas.colours().text_muted, .vertical = VerticalAlign::middle,
                     .role = TextRole::secondary};
}

int subtitle_lines(SlideCanvas& canvas, const std::string& subtitle) {
    if (subtitle.empty()) return 1;
    TextStyle one_line = subtitle_style(canvas);
    one_line.max_lines = 1;
    const int line = static_cast<int>(std::lround(canvas.px(canvas.theme.text.subtitle) * line_height_ratio));
    return canvas.text_painter.fit({subtitle}, one_line, canvas.geometry.content.w, line).truncated ? 2 : 1;
}
}  // namespace

int list_title_block_height(SlideCanvas& canvas, const std::string& subtitle) {
    const Theme& theme = canvas.theme;
    const double lines = theme.text.title * line_height_ratio * title_lines(canvas.geometry) +
                         theme.text.subtitle * line_height_ratio * subtitle_lines(canvas, subtitle);
    return canvas.px(lines) + canvas.geometry.gap * 3 / 2;
}

std::string page_label(int page, int page_count) {
    return "Trang " + std::to_string(page + 1) + "/" + std::to_string(page_count);
}

namespace {
TextStyle page_pill_style(const SlideCanvas& canvas) {
    return TextStyle{.weight = FontWeight::bold, .size = canvas.px(canvas.theme.text.caption * 1.1),
                     .colour = canvas.colours().header_text, .role = TextRole::secondary};
}
}  // namespace

int page_pill_width(SlideCanvas& canvas, int page, int page_count) {
    if (page_count <= 1) return 0;
    const TextStyle style = page_pill_style(canvas);
    const int line = canvas.text_painter.line_height(style.weight, style.size);
    return canvas.text_painter.fit({page_label(page, page_count)}, style, canvas.geometry.content.w / 4, line * 2)
               .width +
           style.size * 6 / 5;
}

SDL_Rect draw_page_pill(SlideCanvas& canvas, int page, int page_count, SDL_Point top_right, int line_height) {
    if (page_count <= 1) return SDL_Rect{top_right.x, top_right.y, 0, 0};
    const TextStyle page_style = page_pill_style(canvas);
    const std::string label = page_label(page, page_count);
    const int width = page_pill_width(canvas, page, page_count);
    const int height = static_cast<int>(std::lround(page_style.size * line_height_ratio)) + page_style.size / 2;
    const SDL_Point corner{top_right.x - width, top_right.y + (line_height - height) / 2};
    return canvas.pill(label, corner, width, page_style,
                       Fill{canvas.colours().header_top, canvas.colours().header_bottom, GradientDirection::vertical});
}

SlideCanvas layout_canvas(const SlideCanvas& canvas, SlideReport& scratch) {
    return SlideCanvas{canvas.renderer, canvas.theme,  canvas.geometry, canvas.text_painter, canvas.shapes,
                       canvas.images,   canvas.qr_codes, scratch,       false};
}

PagedBody plan_paged_body(SlideCanvas& canvas, const std::vector<std::string>& body, const TextStyle& style,
                          TextSize first, TextSize next) {
    PagedBody paged{.plan = {}, .style = style};
    std::vector<std::string> non_empty;
    for (const std::string& paragraph : body) {
        if (paragraph.find_first_not_of(" \n") != std::string::npos) non_empty.push_back(paragraph);
    }
    if (non_empty.empty()) {
        paged.plan.pages.emplace_back();
        return paged;
    }
    if (first.width > 0 && first.height > 0 && !canvas.text_painter.fit(non_empty, style, first.width, first.height).truncated) {
        paged.plan.pages.push_back(body);
        return paged;
    }
    // Several pages at full size: every page is then drawn at the size it was planned at.
    paged.style.min_size = style.size;
    TextStyle unbounded = paged.style;
    unbounded.max_lines = 0;
    constexpr int tall = 1 << 20;
    const BodyMeasure measure{
        .wrapped = [&](std::string_view text, int width) {
            if (width <= 0) return TextSize{tall, tall};
            const FittedText fitted = canvas.text_painter.fit({std::string(text)}, unbounded, width, tall);
            return fitted.truncated ? TextSize{width + 1, tall} : TextSize{fitted.width, fitted.height};
        },
        .paragraph_gap = static_cast<int>(std::lround(
            style.paragraph_gap * canvas.text_painter.line_height(style.weight, style.size))),
    };
    paged.plan = plan_body_pages(body, BodyRooms{.first = first, .next = next, .max_pages = max_body_pages}, measure);
    return paged;
}

void draw_paged_body(SlideCanvas& canvas, const PagedBody& body, int page, SDL_Rect box) {
    page = std::clamp(page, 0, body.plan.page_count() - 1);
    const std::vector<std::string>& shown = body.plan.pages[static_cast<std::size_t>(page)];
    if (!shown.empty()) canvas.text(shown, body.style, box);
    if (body.plan.cut && page == body.plan.page_count() - 1) {
        std::string text;
        for (const std::string& paragraph : shown) text += (text.empty() ? "" : "\n") + paragraph;
        canvas.report.cuts.push_back(TextCutReport{.field = "body", .shown = text,
                                                   .paragraph = body.plan.where.paragraph,
                                                   .lost_characters = body.plan.where.lost_characters});
    }
}

void draw_gold_rule(SlideCanvas& canvas, int x, int y, int width) {
    if (!canvas.painting) return;
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
    const int subtitle_height =
        static_cast<int>(std::lround(subtitle_size * line_height_ratio)) * subtitle_lines(canvas, subtitle);

    const int pill_width = page_pill_width(canvas, page, page_count);
    const int title_right = content.x + content.w - (pill_width > 0 ? pill_width + canvas.geometry.gap : 0);
    const TextStyle title_style{.weight = FontWeight::bold, .size = title_size, .min_size = title_size * 7 / 10,
                                .colour = canvas.colours().title, .vertical = VerticalAlign::middle,
                                .paragraph_gap = 0, .max_lines = title_lines(canvas.geometry),
                                .role = TextRole::title};
    TextStyle full_size = title_style;
    full_size.min_size = 0;
    full_size.max_lines = 1;
    const bool single_line =
        title_lines(canvas.geometry) == 1 ||
        !canvas.text_painter.fit({title}, full_size, title_right - content.x, title_line).truncated;
    const int area = single_line ? title_line : title_height;
    // A one-line title in a portrait two-line area goes down by the unused line, so the
    // rule sits just above what follows (the body of a story's continued page, a list)
    // instead of leaving a dead line's band under it; the spare room is above, under
    // the header bar, where it reads as a margin.
    const int top = content.y + title_height - area;
    draw_page_pill(canvas, page, page_count, SDL_Point{content.x + content.w, top}, title_line);
    DrawnText drawn = canvas.text(title, title_style, SDL_Rect{content.x, top, title_right - content.x, area});
    int y = std::max(top + area, drawn.occupied.y + drawn.occupied.h);
    if (!subtitle.empty()) {
        canvas.text(subtitle, subtitle_style(canvas), SDL_Rect{content.x, y, content.w, subtitle_height});
    }
    y += subtitle_height + canvas.geometry.gap / 3;
    draw_gold_rule(canvas, content.x, y, canvas.px(0.16));
    return content.y + list_title_block_height(canvas, subtitle);
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
