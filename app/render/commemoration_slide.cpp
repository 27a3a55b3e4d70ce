#include "render/commemoration_slide.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/vietnamese_dates.hpp"
#include "render/slide_parts.hpp"

namespace bangvang::render {
namespace {

int line_of(const SlideCanvas& canvas, double size_fraction, double lines = 1) {
    return static_cast<int>(std::lround(canvas.px(size_fraction) * line_height_ratio * lines));
}

struct StackedText {
    std::vector<std::string> paragraphs;
    TextStyle style;
    int max_height = 0;
    int height = 0;  // once fitted
};

// Which page of how many, and the body's pages (null in the layout pass).
struct CommemorationPage {
    int page = 0;
    int page_count = 1;
    const PagedBody* body = nullptr;
};

TextStyle body_style(const SlideCanvas& canvas) {
    return TextStyle{.weight = FontWeight::regular, .size = canvas.px(canvas.theme.text.body),
                     .min_size = canvas.px(canvas.theme.text.body_min), .colour = canvas.colours().header_text,
                     .align = TextAlign::centre, .paragraph_gap = 0.4, .role = TextRole::body};
}

// The body's page in `box` (its full height, or as tall as it measured when it is short,
// then centred with what is above it); returns the box the body may take.
int paged_body_height(SlideCanvas& canvas, const CommemorationPage& page, int width, int room) {
    if (!page.body) return room;
    const auto& shown = page.body->plan.pages[static_cast<std::size_t>(page.page)];
    if (shown.empty()) return 0;
    return std::min(room, canvas.text_painter.fit(shown, page.body->style, width, room).height);
}

// Star, "Kỷ niệm 70 năm", the event, the countdown, the dates, a gold rule and the
// body, centred as one block in `column`. Returns the box the body may take.
SDL_Rect draw_centred_column(SlideCanvas& canvas, const core::Commemoration& commemoration, core::CivilDate today,
                             SDL_Rect column, const CommemorationPage& page) {
    const Theme& theme = canvas.theme;
    const ThemeColours& colours = canvas.colours();
    const int gap = canvas.geometry.gap;
    const core::Countdown countdown =
        core::commemoration_countdown(today, commemoration.anniversary, commemoration.origin);

    // "Kỷ niệm 70 năm" above the countdown; when the countdown itself says "70 năm", just "Kỷ niệm".
    const std::string kicker = countdown.days_until < 0 || countdown.years_since_origin <= 0
                                   ? std::string("Kỷ niệm")
                                   : "Kỷ niệm " + std::to_string(countdown.years_since_origin) + " năm";
    const int event_size = canvas.px(theme.text.title * 1.1);
    const int display_size = canvas.px(theme.text.display);
    std::vector<StackedText> heading{
        {{kicker},
         TextStyle{.weight = FontWeight::bold, .size = canvas.px(theme.text.subtitle), .colour = colours.gold_light,
                   .align = TextAlign::centre, .max_lines = 1, .role = TextRole::secondary},
         line_of(canvas, theme.text.subtitle)},
        {{commemoration.event},
         TextStyle{.weight = FontWeight::bold, .size = event_size, .min_size = event_size * 7 / 10,
                   .colour = colours.header_text, .align = TextAlign::centre, .paragraph_gap = 0,
                   .role = TextRole::title},
         line_of(canvas, theme.text.title * 1.1, 2)},
        {{countdown.label},
         TextStyle{.weight = FontWeight::bold, .size = display_size, .min_size = display_size / 2,
                   .colour = colours.gold_light, .align = TextAlign::centre, .paragraph_gap = 0, .max_lines = 1},
         line_of(canvas, theme.text.display)},
        {{core::vietnamese_short_date(commemoration.origin) + " – " +
          core::vietnamese_short_date(commemoration.anniversary)},
         TextStyle{.weight = FontWeight::regular, .size = canvas.px(theme.text.subtitle * 1.1),
                   .min_size = canvas.px(theme.text.subtitle * 0.8), .colour = colours.gold_light,
                   .align = TextAlign::centre, .max_lines = 1, .role = TextRole::secondary},
         line_of(canvas, theme.text.subtitle * 1.1)},
    };
    int star_radius = canvas.px(0.035);
    if (page.page > 0) {
        // Further pages: the event alone heads the body.
        heading.erase(heading.begin() + 2, heading.end());
        heading.erase(heading.begin());
        star_radius = canvas.px(0.02);
    }
    int fixed_height = star_radius * 2 + gap / 2 + gap / 2 + gap;  // star, and the rule's room
    for (StackedText& row : heading) {
        row.height = canvas.text_painter.fit(row.paragraphs, row.style, column.w, row.max_height).height;
        fixed_height += row.height;
    }
    if (page.page == 0) {
        // The countdown keeps its full line whatever it says today, so the pages fall the
        // same every day (the kiosk counts them once per content version).
        StackedText& countdown_row = heading[2];
        fixed_height += countdown_row.max_height - countdown_row.height;
        countdown_row.height = countdown_row.max_height;
    }
    const int body_room = std::max(0, column.h - fixed_height);
    const int body_height = paged_body_height(canvas, page, column.w, body_room);

    int y = column.y + std::max(0, (column.h - fixed_height - body_height) / 2);
    if (canvas.painting) {
        canvas.shapes.star(SDL_Point{column.x + column.w / 2, y + star_radius}, star_radius, colours.gold);
    }
    y += star_radius * 2 + gap / 2;
    for (const StackedText& row : heading) {
        canvas.text(row.paragraphs, row.style, SDL_Rect{column.x, y, column.w, row.max_height});
        y += row.height;
    }
    y += gap / 2;
    const int rule_width = canvas.px(0.2);
    draw_gold_rule(canvas, column.x + (column.w - rule_width) / 2, y, rule_width);
    y += gap;
    // Drawn in a box exactly as tall as it measured: fitting gives the same answer there.
    const SDL_Rect box{column.x, y, column.w, body_height};
    if (page.body && body_height > 0) draw_paged_body(canvas, *page.body, page.page, box);
    return SDL_Rect{column.x, y, column.w, body_room};
}

SDL_Rect draw_page(SlideCanvas& canvas, const core::Commemoration& commemoration, core::CivilDate today,
                   const CommemorationPage& page) {
    const SDL_Rect content = canvas.geometry.content;
    const ThemeColours& colours = canvas.colours();
    const int gap = canvas.geometry.gap;
    const int inset = std::max(3, canvas.px(0.012));
    const int line = std::max(2, canvas.px(0.003));
    if (canvas.painting) {
        canvas.shapes.rounded_rect(content, canvas.geometry.radius * 2,
                                   Fill{colours.header_top, colours.header_bottom, GradientDirection::vertical});
        // A thin gold line inside the panel's edge, like the border of a certificate.
        canvas.shapes.rounded_rect(
            SDL_Rect{content.x + inset, content.y + inset, content.w - 2 * inset, content.h - 2 * inset},
            canvas.geometry.radius * 2 - inset / 2, solid(colours.gold));
        canvas.shapes.rounded_rect(
            SDL_Rect{content.x + inset + line, content.y + inset + line, content.w - 2 * (inset + line),
                     content.h - 2 * (inset + line)},
            canvas.geometry.radius * 2 - inset / 2 - line,
            Fill{colours.header_top, colours.header_bottom, GradientDirection::vertical});
    }

    const int padding = gap * 3 / 2;
    SDL_Rect inner{content.x + padding, content.y + padding, content.w - 2 * padding, content.h - 2 * padding};
    // "Trang 1/2" centred at the foot of the text column.
    const int pill_line = line_of(canvas, canvas.theme.text.caption * 1.1) + gap / 3;
    const int pill_top = inner.y + inner.h - pill_line;
    if (page.page_count > 1) inner.h -= pill_line + gap / 2;
    if (commemoration.image && page.page == 0) {
        if (canvas.geometry.portrait) {
            const double aspect = canvas.image_aspect(commemoration.image, 16.0 / 9.0, 4.0 / 3.0, 2.0);
            const int height = static_cast<int>(inner.w / aspect);
            canvas.framed_image(commemoration.image, SDL_Rect{inner.x, inner.y, inner.w, height},
                                PlaceholderKind::emblem);
            inner.y += height + gap;
            inner.h -= height + gap;
        } else {
            const int width = inner.w * 36 / 100;
            const double aspect = canvas.image_aspect(commemoration.image, 4.0 / 5.0, 4.0 / 5.0, 16.0 / 9.0);
            const int height = std::min(inner.h, static_cast<int>(width / aspect));
            canvas.framed_image(commemoration.image, SDL_Rect{inner.x, inner.y + (inner.h - height) / 2, width, height},
                                PlaceholderKind::emblem);
            inner.x += width + gap * 2;
            inner.w -= width + gap * 2;
        }
    }
    if (page.page_count > 1) {
        const int width = page_pill_width(canvas, page.page, page.page_count);
        draw_page_pill(canvas, page.page, page.page_count, SDL_Point{inner.x + (inner.w + width) / 2, pill_top},
                       pill_line);
    }
    return draw_centred_column(canvas, commemoration, today, inner, page);
}

PagedBody plan_commemoration(SlideCanvas& canvas, const core::Commemoration& commemoration, core::CivilDate today) {
    SlideReport scratch;
    SlideCanvas layout = layout_canvas(canvas, scratch);
    const SDL_Rect single = draw_page(layout, commemoration, today, CommemorationPage{});
    const TextStyle style = body_style(canvas);
    if (!canvas.text_painter.fit(commemoration.body, style, single.w, single.h).truncated) {
        return plan_paged_body(canvas, commemoration.body, style, TextSize{single.w, single.h},
                               TextSize{single.w, single.h});
    }
    const SDL_Rect first = draw_page(layout, commemoration, today, CommemorationPage{.page = 0, .page_count = 2});
    const SDL_Rect next = draw_page(layout, commemoration, today, CommemorationPage{.page = 1, .page_count = 2});
    return plan_paged_body(canvas, commemoration.body, style, TextSize{first.w, first.h}, TextSize{next.w, next.h});
}

}  // namespace

int commemoration_page_count(SlideCanvas& canvas, const core::Commemoration& commemoration, core::CivilDate today) {
    return plan_commemoration(canvas, commemoration, today).plan.page_count();
}

void draw_commemoration_slide(SlideCanvas& canvas, const core::Commemoration& commemoration, core::CivilDate today,
                              int page) {
    const PagedBody body = plan_commemoration(canvas, commemoration, today);
    page = std::clamp(page, 0, body.plan.page_count() - 1);
    draw_page(canvas, commemoration, today,
              CommemorationPage{.page = page, .page_count = body.plan.page_count(), .body = &body});
}

}  // namespace bangvang::render
