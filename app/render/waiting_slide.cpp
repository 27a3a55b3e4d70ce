#include "render/waiting_slide.hpp"

#include <cmath>

#include "render/slide_parts.hpp"

namespace bangvang::render {

void draw_waiting_slide(SlideCanvas& canvas, const std::string& kiosk_id) {
    const SDL_Rect content = canvas.geometry.content;
    const Theme& theme = canvas.theme;
    const ThemeColours& colours = canvas.colours();
    const int gap = canvas.geometry.gap;

    const int emblem = canvas.px(0.11);
    const int title_size = canvas.px(theme.text.title);
    const int title_height = static_cast<int>(std::lround(title_size * line_height_ratio));
    const int note_size = canvas.px(theme.text.subtitle);
    const int note_height = static_cast<int>(std::lround(note_size * line_height_ratio));
    const int block = emblem * 2 + gap * 2 + title_height + gap + note_height;
    int y = content.y + (content.h - block) / 2;

    const SDL_Point centre{content.x + content.w / 2, y + emblem};
    canvas.shapes.circle(centre, emblem, Fill{colours.header_top, colours.header_bottom, GradientDirection::vertical});
    canvas.shapes.circle(centre, emblem - std::max(3, emblem / 16), solid(colours.gold));
    canvas.shapes.circle(centre, emblem - std::max(5, emblem / 9),
                         Fill{colours.header_top, colours.header_bottom, GradientDirection::vertical});
    canvas.shapes.star(centre, emblem * 62 / 100, colours.gold);
    y += emblem * 2 + gap * 2;

    canvas.text("Đang cập nhật nội dung",
                TextStyle{.weight = FontWeight::bold, .size = title_size, .min_size = title_size * 2 / 3,
                          .colour = colours.title, .align = TextAlign::centre, .paragraph_gap = 0},
                SDL_Rect{content.x, y, content.w, title_height});
    y += title_height + gap;
    const int rule_width = canvas.px(0.16);
    draw_gold_rule(canvas, content.x + (content.w - rule_width) / 2, y - gap / 2, rule_width);
    canvas.text("Mã kiosk: " + (kiosk_id.empty() ? std::string("(chưa đặt)") : kiosk_id),
                TextStyle{.weight = FontWeight::regular, .size = note_size, .min_size = note_size * 3 / 4,
                          .colour = colours.text_muted, .align = TextAlign::centre, .paragraph_gap = 0},
                SDL_Rect{content.x, y + gap / 3, content.w, note_height});
}

}  // namespace bangvang::render
