#include "render/announcement_slide.hpp"

#include <algorithm>
#include <cmath>

#include "render/slide_parts.hpp"

namespace bangvang::render {
namespace {

// Which page of how many, and the body's pages (null in the layout pass).
struct AnnouncementPage {
    int page = 0;
    int page_count = 1;
    const PagedBody* body = nullptr;
};

TextStyle body_style(const SlideCanvas& canvas) {
    return TextStyle{.weight = FontWeight::regular, .size = canvas.px(canvas.theme.text.body * 1.06),
                     .min_size = canvas.px(canvas.theme.text.body_min), .colour = canvas.colours().text,
                     .paragraph_gap = 0.5, .role = TextRole::body};
}

// Movement label, title and gold rule, then the body in what is left of `column`, with
// "Trang 1/2" under it when there are pages. Returns the body's box.
SDL_Rect draw_text_column(SlideCanvas& canvas, const core::Announcement& announcement, SDL_Rect column,
                          const AnnouncementPage& page) {
    const Theme& theme = canvas.theme;
    const ThemeColours& colours = canvas.colours();
    const int gap = canvas.geometry.gap;
    int y = column.y;
    if (!announcement.movement.empty()) {
        const TextStyle label_style{.weight = FontWeight::bold, .size = canvas.px(theme.text.caption * 1.1),
                                    .min_size = canvas.px(theme.text.caption * 0.9), .colour = colours.header_text,
                                    .role = TextRole::secondary};
        SDL_Rect label = canvas.pill(announcement.movement, SDL_Point{column.x, y}, column.w, label_style,
                                     Fill{colours.header_top, colours.header_bottom, GradientDirection::vertical});
        y = label.y + label.h + gap * 2 / 3;
    }
    const int title_size = canvas.px(theme.text.title * 1.12);
    const TextStyle title_style{.weight = FontWeight::bold, .size = title_size, .min_size = title_size * 7 / 10,
                                .colour = colours.title, .paragraph_gap = 0, .role = TextRole::title};
    DrawnText title = canvas.text(announcement.title, title_style,
                                  SDL_Rect{column.x, y, column.w,
                                           static_cast<int>(std::lround(title_size * line_height_ratio * 3))});
    y = title.occupied.y + title.occupied.h + gap / 2;
    draw_gold_rule(canvas, column.x, y, canvas.px(0.16));
    y += gap;
    int bottom = column.y + column.h;
    if (page.page_count > 1) {
        const int pill_line = static_cast<int>(std::lround(canvas.px(theme.text.caption * 1.1) * line_height_ratio)) +
                              gap / 3;
        const int width = page_pill_width(canvas, page.page, page.page_count);
        draw_page_pill(canvas, page.page, page.page_count, SDL_Point{column.x + width, bottom - pill_line}, pill_line);
        bottom -= pill_line + gap / 2;
    }
    const SDL_Rect box{column.x, y, column.w, std::max(0, bottom - y)};
    if (page.body) draw_paged_body(canvas, *page.body, page.page, box);
    return box;
}

// A quiet emblem in the margin a narrower measure leaves.
void draw_emblem(SlideCanvas& canvas, SDL_Point centre, int radius) {
    if (!canvas.painting) return;
    const ThemeColours& colours = canvas.colours();
    canvas.shapes.circle(centre, radius, solid(with_alpha(colours.gold, 40)));
    canvas.shapes.circle(centre, radius * 86 / 100, solid(with_alpha(colours.background, 200)));
    canvas.shapes.star(centre, radius * 70 / 100, with_alpha(colours.gold, 150));
}

SDL_Rect draw_page(SlideCanvas& canvas, const core::Announcement& announcement, const AnnouncementPage& page) {
    const SDL_Rect content = canvas.geometry.content;
    const int gap = canvas.geometry.gap;
    if (!announcement.image || page.page > 0) {
        // Without a picture, a narrower measure keeps lines short enough to read from afar.
        const int width = canvas.geometry.portrait ? content.w : std::min(content.w, canvas.px(1.35));
        const int spare = content.w - width - gap * 2;
        if (spare > canvas.px(0.2)) {
            draw_emblem(canvas, SDL_Point{content.x + content.w - spare / 2, content.y + content.h / 2},
                        std::min(spare / 2, canvas.px(0.15)));
        }
        return draw_text_column(canvas, announcement, SDL_Rect{content.x, content.y, width, content.h}, page);
    }
    if (canvas.geometry.portrait) {
        const double aspect = canvas.image_aspect(announcement.image, 16.0 / 9.0, 4.0 / 3.0, 2.0);
        const int image_height = static_cast<int>(content.w / aspect);
        canvas.framed_image(announcement.image, SDL_Rect{content.x, content.y, content.w, image_height},
                            PlaceholderKind::emblem);
        const int top = content.y + image_height + gap * 3 / 2;
        return draw_text_column(canvas, announcement, SDL_Rect{content.x, top, content.w, content.y + content.h - top},
                                page);
    }
    const double aspect = canvas.image_aspect(announcement.image, 4.0 / 5.0, 4.0 / 5.0, 16.0 / 9.0);
    // Wide pictures get a wider column, and sit in the middle of the height they leave free.
    const int image_width = content.w * (aspect > 1.2 ? 46 : 40) / 100;
    const int image_height = std::min(content.h, static_cast<int>(image_width / aspect));
    const SDL_Rect image{content.x + content.w - image_width, content.y + (content.h - image_height) / 3, image_width,
                         image_height};
    canvas.framed_image(announcement.image, image, PlaceholderKind::emblem);
    return draw_text_column(canvas, announcement,
                            SDL_Rect{content.x, content.y, image.x - gap * 2 - content.x, content.h}, page);
}

// Where the body goes on one page, or on the first and further pages when it needs more.
PagedBody plan_announcement(SlideCanvas& canvas, const core::Announcement& announcement) {
    SlideReport scratch;
    SlideCanvas layout = layout_canvas(canvas, scratch);
    const TextStyle style = body_style(canvas);
    const SDL_Rect single = draw_page(layout, announcement, AnnouncementPage{});
    if (!canvas.text_painter.fit(announcement.body, style, single.w, single.h).truncated) {
        return plan_paged_body(canvas, announcement.body, style, TextSize{single.w, single.h},
                               TextSize{single.w, single.h});
    }
    const SDL_Rect first = draw_page(layout, announcement, AnnouncementPage{.page = 0, .page_count = 2});
    const SDL_Rect next = draw_page(layout, announcement, AnnouncementPage{.page = 1, .page_count = 2});
    return plan_paged_body(canvas, announcement.body, style, TextSize{first.w, first.h}, TextSize{next.w, next.h});
}

}  // namespace

int announcement_page_count(SlideCanvas& canvas, const core::Announcement& announcement) {
    return plan_announcement(canvas, announcement).plan.page_count();
}

void draw_announcement_slide(SlideCanvas& canvas, const core::Announcement& announcement, int page) {
    const PagedBody body = plan_announcement(canvas, announcement);
    page = std::clamp(page, 0, body.plan.page_count() - 1);
    draw_page(canvas, announcement, AnnouncementPage{.page = page, .page_count = body.plan.page_count(), .body = &body});
}

}  // namespace bangvang::render
