#include "render/slide_chrome.hpp"

#include <algorithm>
#include <cstdio>

#include "core/vietnamese_dates.hpp"
#include "render/ticker_strip.hpp"

namespace bangvang::render {

std::string clock_label(const core::WallClock& now) {
    char label[8];
    std::snprintf(label, sizeof label, "%02d:%02d", std::clamp(now.hour, 0, 23), std::clamp(now.minute, 0, 59));
    return label;
}

namespace {

struct ClockPlace {
    SDL_Rect area;       // repainted whole when the minute turns
    SDL_Rect text_box;   // the time, right-aligned in it
    TextStyle style;
};

// The clock sits in a box as wide as the widest time, so the minute turning never
// moves anything else: a redraw of the clock alone gives the pixels of a whole slide.
ClockPlace clock_place(SlideCanvas& canvas) {
    const SlideGeometry& geometry = canvas.geometry;
    const SDL_Rect band = geometry.header;
    const int rule = std::max(2, canvas.px(0.006));
    const int size = canvas.px(canvas.theme.text.header);
    const TextStyle style{.weight = FontWeight::bold, .size = size, .colour = canvas.colours().gold_light,
                          .align = TextAlign::right, .vertical = VerticalAlign::middle, .max_lines = 1};
    int widest = 0;
    for (char digit = '0'; digit <= '9'; ++digit) {
        widest = std::max(widest, canvas.text_painter.line_width(std::string(2, digit) + ':' + std::string(2, digit),
                                                                 style.weight, size));
    }
    const int right = band.w - geometry.margin;
    const int pad = geometry.gap / 3;
    const SDL_Rect text_box{right - widest, band.y, widest, band.h - rule};
    return ClockPlace{.area = SDL_Rect{text_box.x - pad, band.y, widest + 2 * pad, band.h - rule},
                      .text_box = text_box,
                      .style = style};
}

Fill header_fill(const ThemeColours& colours) {
    return Fill{colours.header_top, colours.header_bottom, GradientDirection::vertical};
}

// The header band's own gradient under the clock, then the time.
SDL_Rect paint_clock(SlideCanvas& canvas, const ClockPlace& place, const core::WallClock& now) {
    const SDL_Rect band = canvas.geometry.header;
    const SDL_Rect under{place.area.x, band.y, place.area.w, place.area.h};
    canvas.shapes.gradient_rect(under, header_fill(canvas.colours()));
    canvas.text(clock_label(now), place.style, place.text_box);
    return place.area;
}

void draw_header(SlideCanvas& canvas, const ChromeText& chrome) {
    const SlideGeometry& geometry = canvas.geometry;
    const ThemeColours& colours = canvas.colours();
    const SDL_Rect band = geometry.header;
    const int rule = std::max(2, canvas.px(0.006));
    canvas.shapes.gradient_rect(SDL_Rect{band.x, band.y, band.w, band.h - rule}, header_fill(colours));
    canvas.shapes.rect(SDL_Rect{band.x, band.y + band.h - rule, band.w, rule}, colours.gold);

    const int middle = band.y + (band.h - rule) / 2;
    const int star_radius = (band.h - rule) * 27 / 100;
    const int left = geometry.margin;
    canvas.shapes.star(SDL_Point{left + star_radius, middle}, star_radius, colours.gold);

    const int size = canvas.px(canvas.theme.text.header);
    const int row_height = band.h - rule;
    const ClockPlace clock = clock_place(canvas);
    paint_clock(canvas, clock, chrome.now);

    // A thin gold bar before the time, like a clock on an official notice board.
    const int separator_x = clock.text_box.x - geometry.gap;
    canvas.shapes.rect(SDL_Rect{separator_x, middle - size / 2, std::max(2, size / 14), size}, colours.gold);

    const int name_left = left + star_radius * 2 + geometry.gap * 2 / 3;
    const std::string date = core::vietnamese_long_date(chrome.now);
    TextStyle name_style{.weight = FontWeight::bold, .size = size, .min_size = size * 7 / 10,
                         .colour = colours.header_text, .vertical = VerticalAlign::middle, .max_lines = 1,
                         .role = TextRole::secondary};
    TextStyle date_style{.weight = FontWeight::regular, .size = size * 9 / 10, .min_size = size * 7 / 10,
                         .colour = colours.header_text, .align = TextAlign::right,
                         .vertical = VerticalAlign::middle, .max_lines = 1, .role = TextRole::secondary};
    if (geometry.portrait) {
        // Too narrow for one row: the place name over the date, the time on the right.
        name_style.size = size * 9 / 10;
        name_style.vertical = VerticalAlign::top;
        date_style.size = size * 65 / 100;
        date_style.min_size = size * 55 / 100;
        date_style.align = TextAlign::left;
        date_style.vertical = VerticalAlign::top;
        date_style.colour = colours.gold_light;
        const int name_height = canvas.text_painter.line_height(
            FontWeight::bold, canvas.text_painter.legible_size(TextRole::secondary, FontWeight::bold, name_style.size));
        const int date_height = canvas.text_painter.line_height(
            FontWeight::regular,
            canvas.text_painter.legible_size(TextRole::secondary, FontWeight::regular, date_style.size));
        const int top = band.y + std::max(0, (row_height - name_height - date_height) / 2);
        const int width = std::max(1, separator_x - geometry.gap - name_left);
        canvas.text(chrome.place_name, name_style, SDL_Rect{name_left, top, width, name_height});
        canvas.text(date, date_style, SDL_Rect{name_left, top + name_height, width, date_height});
        return;
    }
    const int date_right = separator_x - geometry.gap;
    const int date_space = std::max(1, (date_right - left) / 2);
    DrawnText date_drawn =
        canvas.text(date, date_style, SDL_Rect{date_right - date_space, band.y, date_space, row_height});
    const int name_right = date_drawn.report.drawn.x - geometry.gap * 2;
    canvas.text(chrome.place_name, name_style,
                SDL_Rect{name_left, band.y, std::max(1, name_right - name_left), row_height});
}

void draw_footer(SlideCanvas& canvas, const ChromeText& chrome) {
    const SlideGeometry& geometry = canvas.geometry;
    const ThemeColours& colours = canvas.colours();
    const SDL_Rect band = geometry.footer;
    const int rule = std::max(1, canvas.px(0.003));
    canvas.shapes.rect(band, colours.background_shade);
    canvas.shapes.rect(SDL_Rect{band.x, band.y, band.w, rule}, colours.gold);

    const int size = canvas.px(canvas.theme.text.footer);
    const SDL_Rect row{geometry.margin, band.y + rule, band.w - 2 * geometry.margin, band.h - rule};
    const TextStyle section_style{.weight = FontWeight::bold, .size = size, .min_size = size * 8 / 10,
                                  .colour = colours.gold_dark, .align = TextAlign::right,
                                  .vertical = VerticalAlign::middle, .max_lines = 1, .role = TextRole::secondary};
    int section_width = 0;
    if (!chrome.section.empty()) {
        DrawnText section = canvas.text(chrome.section, section_style,
                                        SDL_Rect{row.x + row.w / 2, row.y, row.w - row.w / 2, row.h});
        section_width = section.report.drawn.w;
    }
    int source_right = row.x + row.w - section_width - geometry.gap;
    if (!chrome.notice.empty()) {
        // Small but unmissable: bold in the warning colour, between the source and the section.
        const TextStyle notice_style{.weight = FontWeight::bold, .size = size, .min_size = size * 8 / 10,
                                     .colour = colours.fall, .align = TextAlign::right,
                                     .vertical = VerticalAlign::middle, .max_lines = 1, .role = TextRole::secondary};
        const int left = row.x + row.w / 4;
        DrawnText notice = canvas.text(chrome.notice, notice_style,
                                       SDL_Rect{left, row.y, std::max(1, source_right - left), row.h});
        if (notice.report.drawn.w > 0) source_right = notice.report.drawn.x - geometry.gap;
    }
    if (!chrome.source_name.empty()) {
        // In the narrow portrait row a long name ("UBND quận … — Hội đồng Thi đua – Khen
        // thưởng") takes a second line of the taller footer rather than end in "…".
        const TextStyle source_style{.weight = FontWeight::regular, .size = size, .min_size = size * 8 / 10,
                                     .colour = colours.text_muted, .vertical = VerticalAlign::middle,
                                     .paragraph_gap = 0, .max_lines = geometry.portrait ? 2 : 1,
                                     .role = TextRole::secondary};
        canvas.text(chrome.source_name, source_style, SDL_Rect{row.x, row.y, std::max(1, source_right - row.x), row.h});
    }
}

}  // namespace

SDL_Rect redraw_clock(SlideCanvas& canvas, const core::WallClock& now) {
    return paint_clock(canvas, clock_place(canvas), now);
}

void draw_slide_chrome(SlideCanvas& canvas, const ChromeText& chrome) {
    const ThemeColours& colours = canvas.colours();
    // An opaque start, so a slide drawn into a texture crossfades without see-through holes.
    SDL_SetRenderDrawColor(canvas.renderer, colours.background.r, colours.background.g, colours.background.b, 255);
    SDL_RenderClear(canvas.renderer);
    canvas.shapes.gradient_rect(SDL_Rect{0, 0, canvas.geometry.width, canvas.geometry.height},
                                Fill{colours.background, colours.background_shade, GradientDirection::vertical});
    draw_header(canvas, chrome);
    // The ticker's strip without its messages: the player scrolls them over it.
    draw_ticker_strip(canvas, {}, 0);
    draw_footer(canvas, chrome);
}

}  // namespace bangvang::render
