#include "render/story_slide.hpp"

#include <algorithm>
#include <cmath>

#include "core/vietnamese_dates.hpp"
#include "render/qr_code.hpp"
#include "render/slide_parts.hpp"

namespace bangvang::render {
namespace {

constexpr std::string_view qr_caption = "Đọc toàn văn";

int lines(const SlideCanvas& canvas, double size_fraction, int count) {
    return static_cast<int>(std::lround(canvas.px(size_fraction) * line_height_ratio * count));
}

// The QR code's square and its caption below, from the bottom of the story's area.
int qr_block_height(const SlideCanvas& canvas, const core::Story& story) {
    if (story.portal_url.empty()) return 0;
    return story_qr_side(canvas.geometry) + lines(canvas, canvas.theme.text.caption, 1) + canvas.px(0.01);
}

// Name, "role · unit" and the award badge, top-down in `column`; returns the y below them.
int draw_identity(SlideCanvas& canvas, const core::Story& story, SDL_Rect column, TextAlign align) {
    const Theme& theme = canvas.theme;
    const ThemeColours& colours = canvas.colours();
    const int gap = canvas.geometry.gap;
    int y = column.y;

    // A collective's name ("Đội thanh niên tình nguyện phường …") is long: in a narrow
    // column it may take a third line rather than lose its end.
    const int name_lines = canvas.geometry.portrait ? 3 : 2;
    const TextStyle name_style{.weight = FontWeight::bold, .size = canvas.px(theme.text.name),
                               .min_size = canvas.px(theme.text.name * 0.72), .colour = colours.title,
                               .align = align, .paragraph_gap = 0, .max_lines = name_lines, .role = TextRole::title};
    DrawnText name = canvas.text(story.person_name, name_style,
                                 SDL_Rect{column.x, y, column.w, lines(canvas, theme.text.name, name_lines)});
    y = name.occupied.y + name.occupied.h + gap / 4;

    const std::string role = joined({story.role, story.unit});
    // Secondary lines never shrink below their floor: in the narrow portrait column a long
    // unit takes a fourth line instead.
    const int role_lines = canvas.geometry.portrait ? 4 : 3;
    if (!role.empty()) {
        const TextStyle role_style{.weight = FontWeight::regular, .size = canvas.px(theme.text.subtitle),
                                   .min_size = canvas.px(theme.text.subtitle * 0.8), .colour = colours.text_muted,
                                   .align = align, .paragraph_gap = 0, .max_lines = role_lines,
                                   .role = TextRole::secondary};
        // "role · unit" on one line when it fits; otherwise the unit on a line of its own
        // rather than a word or two of it wrapped.
        std::vector<std::string> paragraphs{role};
        TextStyle one_line = role_style;
        one_line.max_lines = 1;
        one_line.min_size = 0;
        if (!story.role.empty() && !story.unit.empty() &&
            canvas.text_painter.fit({role}, one_line, column.w, column.h).truncated) {
            paragraphs = {story.role, story.unit};
        }
        DrawnText drawn = canvas.text(paragraphs, role_style,
                                      SDL_Rect{column.x, y, column.w, lines(canvas, theme.text.subtitle, role_lines)});
        y = drawn.occupied.y + drawn.occupied.h;
    }
    if (!story.award.empty()) {
        y += gap * 2 / 3;
        const TextStyle award_style{.weight = FontWeight::bold, .size = canvas.px(theme.text.caption * 1.2),
                                    .min_size = canvas.px(theme.text.caption), .colour = colours.header_bottom,
                                    .role = TextRole::secondary};
        // A red disc with a gold star before the label, as on a certificate of merit.
        const int line = canvas.text_painter.line_height(award_style.weight, award_style.size);
        const int padding_x = award_style.size * 3 / 5;
        const int padding_y = award_style.size / 5;
        const int disc = line + 2 * padding_y;
        const int label_width = std::max(1, column.w - disc - padding_x * 3 / 2);
        // Two lines, three in the narrow portrait column, rather than end a title of merit in "…".
        const int label_lines = canvas.geometry.portrait ? 3 : 2;
        FittedText label = canvas.text_painter.fit({story.award}, award_style, label_width, line * label_lines);
        SDL_Rect badge{column.x, y, disc + padding_x / 2 + label.width + padding_x, label.height + 2 * padding_y};
        if (align == TextAlign::centre) badge.x = column.x + (column.w - badge.w) / 2;
        if (canvas.painting) {
            canvas.shapes.rounded_rect(badge, disc / 2, Fill{colours.gold_light, colours.gold, GradientDirection::vertical});
            const SDL_Point disc_centre{badge.x + disc / 2, badge.y + disc / 2};
            canvas.shapes.circle(disc_centre, disc / 2 - std::max(2, disc / 14), solid(colours.header_top));
            canvas.shapes.star(disc_centre, disc * 3 / 10, colours.gold_light);
        }
        canvas.text(story.award, award_style,
                    SDL_Rect{badge.x + disc + padding_x / 2, badge.y + padding_y, label_width, label.height});
        y = badge.y + badge.h;
    }
    return y;
}

// A headline never takes more lines than this: past it, it ends with "…" (and validate
// says so). Below it, it takes as many as it needs at its size, which no longer shrinks
// below the title floor; the body goes on over the slide's further pages.
constexpr int most_headline_lines = 6;

TextStyle headline_style(const SlideCanvas& canvas, int max_lines) {
    const Theme& theme = canvas.theme;
    return TextStyle{.weight = FontWeight::bold, .size = canvas.px(theme.text.headline),
                     .min_size = canvas.px(theme.text.headline * 0.75), .colour = canvas.colours().text,
                     .max_lines = max_lines, .role = TextRole::title};
}

int headline_indent(const SlideCanvas& canvas) {
    return std::max(3, canvas.px(0.007)) + canvas.geometry.gap * 2 / 3;
}

// Lines the headline takes in a box `width` wide: at least `least` (the room it is given
// anyway), at most most_headline_lines.
int headline_lines(SlideCanvas& canvas, const std::string& headline, int width, int least) {
    if (headline.empty()) return least;
    const TextStyle style = canvas.text_painter.legible(headline_style(canvas, 0));
    const FittedText whole = canvas.text_painter.fit({headline}, style, std::max(1, width - headline_indent(canvas)),
                                                     1 << 20);
    const int line = std::max(1, canvas.text_painter.line_height(style.weight, whole.font_size));
    return std::clamp((whole.height + line / 2) / line, least, most_headline_lines);
}

// The headline's box for `count` lines at its legible size.
int headline_room(SlideCanvas& canvas, int count) {
    const TextStyle style = canvas.text_painter.legible(headline_style(canvas, count));
    return std::max(lines(canvas, canvas.theme.text.headline, count),
                    canvas.text_painter.line_height(style.weight, style.size) * count);
}

// The headline with a gold bar down its left side, like a pull quote.
int draw_headline(SlideCanvas& canvas, const std::string& headline, SDL_Rect box, int max_lines) {
    const int bar = std::max(3, canvas.px(0.007));
    const int indent = headline_indent(canvas);
    const TextStyle style = headline_style(canvas, max_lines);
    DrawnText drawn = canvas.text(headline, style, SDL_Rect{box.x + indent, box.y, box.w - indent, box.h});
    if (drawn.occupied.h > 0 && canvas.painting) {
        canvas.shapes.rounded_rect(SDL_Rect{box.x, drawn.occupied.y + style.size / 8, bar, drawn.occupied.h - style.size / 4},
                                   bar / 2, Fill{canvas.colours().gold, canvas.colours().gold_dark,
                                                 GradientDirection::vertical});
    }
    return drawn.occupied.y + drawn.occupied.h;
}

enum class QrPlace {
    beside_body,  // landscape: the body narrows to leave a column for the code
    below_body,   // portrait: plenty of height, so the body keeps the full width
};

// Which page of how many, and the body's pages (null in the layout pass, which only
// learns where the body goes).
struct StoryPage {
    int page = 0;
    int page_count = 1;
    const PagedBody* body = nullptr;
};

// "movement · date" at the bottom left (after "Trang 1/3" when there are pages), the QR
// code at the bottom right, and the body in what remains of `area`. Returns the body's box.
SDL_Rect draw_story_body(SlideCanvas& canvas, const core::Story& story, SDL_Rect area, QrPlace place,
                         const StoryPage& page) {
    const Theme& theme = canvas.theme;
    const int gap = canvas.geometry.gap;
    int text_right = area.x + area.w;
    int body_bottom = area.y + area.h;
    const int side = story_qr_side(canvas.geometry);
    if (!story.portal_url.empty()) {
        const int height = qr_block_height(canvas, story);
        const SDL_Rect qr_box{area.x + area.w - side, area.y + area.h - height, side, height};
        SDL_Rect used = canvas.qr_code(story.portal_url, qr_box, qr_caption);
        if (used.w > 0 && place == QrPlace::beside_body) text_right = used.x - gap * 3 / 2;
        if (used.w > 0 && place == QrPlace::below_body) body_bottom = used.y - gap;
    }
    const std::string meta =
        joined({story.movement, story.date ? core::vietnamese_short_date(*story.date) : std::string()});
    if (!meta.empty() || page.page_count > 1) {
        // The pill of "Trang 1/3" is a little taller than a caption line.
        const int pill_height = lines(canvas, theme.text.caption * 1.1, 1) + canvas.px(theme.text.caption * 1.1) / 2;
        const int meta_right = place == QrPlace::below_body && body_bottom < area.y + area.h
                                   ? area.x + area.w - side - gap
                                   : text_right;
        // "Trang 1/3" first in the row, where the eye ends the page.
        const int pill_width = page_pill_width(canvas, page.page, page.page_count);
        const int meta_left = page.page_count > 1 ? area.x + pill_width + gap / 2 : area.x;
        const TextStyle meta_style{.weight = FontWeight::regular, .size = canvas.px(theme.text.caption),
                                   .min_size = canvas.px(theme.text.caption * 0.85),
                                   .colour = canvas.colours().gold_dark, .vertical = VerticalAlign::bottom,
                                   .paragraph_gap = 0, .role = TextRole::secondary};
        // One line when the row beside the pill and the QR code holds it; a second line
        // rather than cut the movement's name.
        int meta_lines = place == QrPlace::below_body ? 2 : 1;
        if (meta_lines == 1 && !meta.empty() &&
            canvas.text_painter
                .fit({meta}, meta_style, std::max(1, meta_right - meta_left), lines(canvas, theme.text.caption, 1))
                .truncated) {
            meta_lines = 2;
        }
        int height = lines(canvas, theme.text.caption, meta_lines);
        if (page.page_count > 1) {
            height = std::max(height, pill_height);
            draw_page_pill(canvas, page.page, page.page_count,
                           SDL_Point{area.x + pill_width, area.y + area.h - pill_height}, pill_height);
        }
        if (!meta.empty()) {
            canvas.text(meta, meta_style,
                        SDL_Rect{meta_left, area.y + area.h - height, std::max(1, meta_right - meta_left), height});
        }
        if (place == QrPlace::beside_body || body_bottom == area.y + area.h) body_bottom -= height + gap / 2;
    }
    const SDL_Rect box{area.x, area.y, text_right - area.x, body_bottom - area.y};
    if (page.body) draw_paged_body(canvas, *page.body, page.page, box);
    return box;
}
SDL_Rect draw_landscape(SlideCanvas& canvas, const core::Story& story, const StoryPage& page) {
    const SDL_Rect content = canvas.geometry.content;
    const int gap = canvas.geometry.gap;
    const int photo_width = std::min(content.w * 36 / 100, content.h * 4 / 5);
    const int photo_height = std::min(content.h, photo_width * 5 / 4);
    canvas.framed_image(story.photo, SDL_Rect{content.x, content.y, photo_width, photo_height},
                        PlaceholderKind::person);

    const int column_x = content.x + photo_width + gap * 2;
    const SDL_Rect column{column_x, content.y, content.x + content.w - column_x, content.h};
    int y = draw_identity(canvas, story, column, TextAlign::left);
    y += gap;
    // Beside the photo the headline takes the lines it needs (a headline is a title: it
    // does not shrink below 1.1 times the body); the body goes on over further pages.
    int count = headline_lines(canvas, story.headline, column.w, 1);
    SDL_Rect headline_box{column.x, y, column.w, headline_room(canvas, count)};
    // On a short screen the QR code (never under 4 px a module) reaches up beside the
    // headline: the headline narrows to leave it its column, and may take more lines.
    const int qr_height = qr_block_height(canvas, story);
    if (qr_height > 0) {
        SlideReport scratch;
        SlideCanvas layout = layout_canvas(canvas, scratch);
        if (draw_headline(layout, story.headline, headline_box, count) + gap > column.y + column.h - qr_height) {
            headline_box.w -= story_qr_side(canvas.geometry) + gap * 3 / 2;
            count = headline_lines(canvas, story.headline, headline_box.w, count);
            headline_box.h = headline_room(canvas, count);
        }
    }
    // Never into the "movement · date" row at the foot of the column (two caption lines at
    // most): past it the headline ends with "…", which validate reports.
    const int most = column.y + column.h - y - lines(canvas, canvas.theme.text.caption, 2) - gap;
    while (count > 1 && headline_room(canvas, count) > most) --count;
    headline_box.h = std::min(headline_room(canvas, count), std::max(1, most));
    y = draw_headline(canvas, story.headline, headline_box, count) + gap * 2 / 3;
    return draw_story_body(canvas, story, SDL_Rect{column.x, y, column.w, column.y + column.h - y},
                           QrPlace::beside_body, page);
}

SDL_Rect draw_portrait(SlideCanvas& canvas, const core::Story& story, const StoryPage& page) {
    const SDL_Rect content = canvas.geometry.content;
    const int gap = canvas.geometry.gap;
    const int photo_width = content.w * 42 / 100;
    const int photo_height = photo_width * 5 / 4;
    canvas.framed_image(story.photo, SDL_Rect{content.x, content.y, photo_width, photo_height},
                        PlaceholderKind::person);
    const int column_x = content.x + photo_width + gap * 3 / 2;
    const SDL_Rect column{column_x, content.y + gap / 2, content.x + content.w - column_x, photo_height};
    int y = std::max(draw_identity(canvas, story, column, TextAlign::left), content.y + photo_height);
    y += gap * 3 / 2;
    const int count = headline_lines(canvas, story.headline, content.w, 1);
    y = draw_headline(canvas, story.headline, SDL_Rect{content.x, y, content.w, headline_room(canvas, count)}, count) +
        gap;
    return draw_story_body(canvas, story, SDL_Rect{content.x, y, content.w, content.y + content.h - y},
                           QrPlace::below_body, page);
}

// Pages after the first: the name and headline as a heading with "Trang 2/3", then the
// body over the whole width (beside or above the QR code, as on the first page).
SDL_Rect draw_continuation(SlideCanvas& canvas, const core::Story& story, const StoryPage& page) {
    const SDL_Rect content = canvas.geometry.content;
    // The heading repeats what the first page shows whole: shortened here, nothing is lost.
    const std::size_t cuts_before = canvas.report.cuts.size();
    const int top = draw_list_title_block(canvas, story.person_name, story.headline, page.page, page.page_count);
    canvas.report.cuts.resize(cuts_before);
    const SDL_Rect area{content.x, top, content.w, content.y + content.h - top};
    StoryPage without_pill = page;
    without_pill.page_count = 1;  // the heading carries it
    return draw_story_body(canvas, story, area,
                           canvas.geometry.portrait ? QrPlace::below_body : QrPlace::beside_body, without_pill);
}

SDL_Rect draw_page(SlideCanvas& canvas, const core::Story& story, const StoryPage& page) {
    if (page.page > 0) return draw_continuation(canvas, story, page);
    return canvas.geometry.portrait ? draw_portrait(canvas, story, page) : draw_landscape(canvas, story, page);
}

TextStyle body_style(const SlideCanvas& canvas) {
    return TextStyle{.weight = FontWeight::regular, .size = canvas.px(canvas.theme.text.body),
                     .min_size = canvas.px(canvas.theme.text.body_min), .colour = canvas.colours().text,
                     .paragraph_gap = 0.5, .role = TextRole::body};
}

// Where the body goes on the first page and on the others (laid out, not drawn), and
// how it falls over them.
PagedBody plan_story(SlideCanvas& canvas, const core::Story& story) {
    SlideReport scratch;
    SlideCanvas layout = layout_canvas(canvas, scratch);
    const SDL_Rect first = draw_page(layout, story, StoryPage{.page = 0, .page_count = 2, .body = nullptr});
    const SDL_Rect next = draw_page(layout, story, StoryPage{.page = 1, .page_count = 2, .body = nullptr});
    // A body that fits on one page has no pill in its meta row: the same box either way.
    return plan_paged_body(canvas, story.body, body_style(canvas), TextSize{first.w, first.h},
                           TextSize{next.w, next.h});
}

}  // namespace

int story_qr_side(const SlideGeometry& geometry) {
    constexpr int version_5_modules = 17 + 4 * 5 + 2 * qr_quiet_zone_modules;
    return std::max(geometry.px(0.17), version_5_modules * qr_min_pixels_per_module);
}

std::size_t story_link_capacity(const SlideGeometry& geometry) { return qr_capacity_bytes(story_qr_side(geometry)); }

int story_page_count(SlideCanvas& canvas, const core::Story& story) {
    return plan_story(canvas, story).plan.page_count();
}

void draw_story_slide(SlideCanvas& canvas, const core::Story& story, int page) {
    const PagedBody body = plan_story(canvas, story);
    page = std::clamp(page, 0, body.plan.page_count() - 1);
    draw_page(canvas, story, StoryPage{.page = page, .page_count = body.plan.page_count(), .body = &body});
}

}  // namespace bangvang::render
