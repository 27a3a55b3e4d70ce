#include "render/announcement_slide.hpp"

#include <algorithm>
#include <cmath>

#include "render/slide_parts.hpp"

namespace bangvang::render {
namespace {

// Movement label, title and gold rule, then the body in what is left of `column`.
void draw_text_column(SlideCanvas& canvas, const core::Announcement& announcement, SDL_Rect column) {
    const Theme& theme = canvas.theme;
    const ThemeColours& colours = canvas.colours();
    const int gap = canvas.geometry.gap;
    int y = column.y;
    if (!announcement.movement.empty()) {
        const TextStyle label_style{.weight = FontWeight::bold, .size = canvas.px(theme.text.caption * 1.1),
                                    .min_size = canvas.px(theme.text.caption * 0.9), .colour = colours.header_text};
        SDL_Rect label = canvas.pill(announcement.movement, SDL_Point{column.x, y}, column.w, label_style,
                                     Fill{colours.header_top, colours.header_bottom, GradientDirection::vertical});
        y = label.y + label.h + gap * 2 / 3;
    }
    const int title_size = canvas.px(theme.text.title * 1.12);
    const TextStyle title_style{.weight = FontWeight::bold, .size = title_size, .min_size = title_size * 7 / 10,
                                .colour = colours.title, .paragraph_gap = 0};
    DrawnText title = canvas.text(announcement.title, title_style,
                                  SDL_Rect{column.x, y, column.w,
                                           static_cast<int>(std::lround(title_size * line_height_ratio * 3))});
    y = title.occupied.y + title.occupied.h + gap / 2;
    draw_gold_rule(canvas, column.x, y, canvas.px(0.16));
    y += gap;
    const int body_size = canvas.px(theme.text.body * 1.06);
    canvas.text(announcement.body,
                TextStyle{.weight = FontWeight::regular, .size = body_size, .min_size = canvas.px(theme.text.body_min),
                          .colour = colours.text, .paragraph_gap = 0.5},
                SDL_Rect{column.x, y, column.w, column.y + column.h - y});
}

}  // namespace

void draw_announcement_slide(SlideCanvas& canvas, const core::Announcement& announcement) {
    const SDL_Rect content = canvas.geometry.content;
    const int gap = canvas.geometry.gap;
    if (!announcement.image) {
        // Without a picture, a narrower measure keeps lines short enough to read from afar.
        const int width = canvas.geometry.portrait ? content.w : std::min(content.w, canvas.px(1.35));
        const int spare = content.w - width - gap * 2;
        if (spare > canvas.px(0.2)) {
            // A quiet emblem in the margin the narrower measure leaves.
            const int radius = std::min(spare / 2, canvas.px(0.15));
            const SDL_Point centre{content.x + content.w - spare / 2, content.y + content.h / 2};
            const ThemeColours& colours = canvas.colours();
            canvas.shapes.circle(centre, radius, solid(with_alpha(colours.gold, 40)));
            canvas.shapes.circle(centre, radius * 86 / 100, solid(with_alpha(colours.background, 200)));
            canvas.shapes.star(centre, radius * 70 / 100, with_alpha(colours.gold, 150));
        }
        draw_text_column(canvas, announcement, SDL_Rect{content.x, content.y, width, content.h});
        return;
    }
    if (canvas.geometry.portrait) {
        const double aspect = canvas.image_aspect(announcement.image, 16.0 / 9.0, 4.0 / 3.0, 2.0);
        const int image_height = static_cast<int>(content.w / aspect);
        canvas.framed_image(announcement.image, SDL_Rect{content.x, content.y, content.w, image_height},
                            PlaceholderKind::emblem);
        const int top = content.y + image_height + gap * 3 / 2;
        draw_text_column(canvas, announcement, SDL_Rect{content.x, top, content.w, content.y + content.h - top});
        return;
    }
    const double aspect = canvas.image_aspect(announcement.image, 4.0 / 5.0, 4.0 / 5.0, 16.0 / 9.0);
    // Wide pictures get a wider column, and sit in the middle of the height they leave free.
    const int image_width = content.w * (aspect > 1.2 ? 46 : 40) / 100;
    const int image_height = std::min(content.h, static_cast<int>(image_width / aspect));
    const SDL_Rect image{content.x + content.w - image_width, content.y + (content.h - image_height) / 3, image_width,
                         image_height};
    canvas.framed_image(announcement.image, image, PlaceholderKind::emblem);
    draw_text_column(canvas, announcement, SDL_Rect{content.x, content.y, image.x - gap * 2 - content.x, content.h});
}

}  // namespace bangvang::render
