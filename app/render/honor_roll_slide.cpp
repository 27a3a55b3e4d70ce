#include "render/honor_roll_slide.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "render/slide_parts.hpp"

namespace bangvang::render {
namespace {

// An achievement longer than this many lines in the widest card ends with "…"; a
// portrait card is narrow but the screen tall: it may take a line more.
constexpr int most_detail_lines = 4;
int most_lines(const SlideCanvas& canvas) { return canvas.geometry.portrait ? most_detail_lines : most_detail_lines - 1; }

// The sizes every card of the roll shares, and the room around its text.
struct CardStyles {
    int class_width = 0;  // the widest class label of the roll
    int accent = 0;
    int padding = 0;
    int name_line = 0;
    int detail_line = 0;
    TextStyle name;
    TextStyle class_name;
    TextStyle detail;
};

CardStyles card_styles(SlideCanvas& canvas, const core::HonorRoll& roll) {
    const Theme& theme = canvas.theme;
    const ThemeColours& colours = canvas.colours();
    TextPainter& text = canvas.text_painter;
    CardStyles styles;
    styles.accent = std::max(4, canvas.px(0.008));
    styles.padding = std::max(6, canvas.px(0.014));
    // A table packs its rows: the achievement at the body's floor, not at its reading size.
    const int detail_size = text.legible_size(TextRole::body, FontWeight::regular, canvas.px(theme.text.body_min * 0.9));
    const int name_size = text.legible_size(TextRole::title, FontWeight::bold,
                                            static_cast<int>(std::lround(detail_size * 1.1)));
    const int class_size = text.legible_size(TextRole::secondary, FontWeight::bold, canvas.px(theme.text.caption * 1.05));
    styles.name = TextStyle{.weight = FontWeight::bold, .size = name_size, .min_size = name_size,
                            .colour = colours.text, .vertical = VerticalAlign::middle, .paragraph_gap = 0,
                            .max_lines = 1, .role = TextRole::title};
    styles.class_name = TextStyle{.weight = FontWeight::bold, .size = class_size, .min_size = class_size,
                                  .colour = colours.gold_dark, .align = TextAlign::right,
                                  .vertical = VerticalAlign::middle, .max_lines = 1, .role = TextRole::secondary};
    styles.detail = TextStyle{.weight = FontWeight::regular, .size = detail_size, .min_size = detail_size,
                              .colour = colours.title, .paragraph_gap = 0, .role = TextRole::body};
    styles.name_line = text.line_height(FontWeight::bold, name_size);
    styles.detail_line = text.line_height(FontWeight::regular, detail_size);
    for (const core::HonorEntry& entry : roll.entries) {
        if (!entry.class_name.empty()) {
            styles.class_width = std::max(styles.class_width, text.line_width(entry.class_name, FontWeight::bold, class_size) + 2);
        }
    }
    return styles;
}

// Where the text of one card goes.
struct CardLayout {
    int left = 0;
    int right = 0;
    int top = 0;
    SDL_Rect photo{};
};

CardLayout card_layout(const CardStyles& styles, const core::HonorEntry& entry, SDL_Rect card) {
    CardLayout layout;
    layout.left = card.x + styles.accent + styles.padding;
    layout.right = card.x + card.w - styles.padding;
    if (entry.photo) {
        const int side = card.h - 2 * styles.padding;
        layout.photo = SDL_Rect{layout.left, card.y + styles.padding, side * 4 / 5, side};
        layout.left += layout.photo.w + styles.padding;
    }
    layout.top = card.y + styles.padding * 2 / 3;
    return layout;
}

// Card height for a name line and `detail_lines` of achievement.
int card_height(const CardStyles& styles, int detail_lines) {
    return styles.padding * 2 / 3 + styles.name_line + detail_lines * styles.detail_line + styles.padding / 2;
}

// The area under the title block, and the gap between cards.
SDL_Rect grid_area(SlideCanvas& canvas, const core::HonorRoll& roll) {
    const SlideGeometry& geometry = canvas.geometry;
    const int top = geometry.content.y + list_title_block_height(canvas, joined({roll.unit, roll.period}));
    return SDL_Rect{geometry.content.x, top, geometry.content.w, geometry.content.y + geometry.content.h - top};
}

int card_gap(const SlideCanvas& canvas) { return canvas.geometry.gap * 2 / 3; }

// Whether every name fits at its size with the class beside it, in cards `width` wide.
bool class_fits_beside(SlideCanvas& canvas, const CardStyles& styles, const std::vector<const core::HonorEntry*>& entries,
                       SDL_Rect card) {
    for (const core::HonorEntry* entry : entries) {
        if (entry->class_name.empty()) continue;
        const CardLayout layout = card_layout(styles, *entry, card);
        const int width = layout.right - layout.left - styles.class_width - styles.padding;
        if (canvas.text_painter.fit({entry->name}, styles.name, std::max(1, width), styles.name_line).truncated ||
            canvas.text_painter.fit({entry->class_name}, styles.class_name, styles.class_width, styles.name_line)
                .truncated) {
            return false;
        }
    }
    return true;
}

// Whether every name takes one line in cards like `card` (beside its class or not).
bool names_fit(SlideCanvas& canvas, const CardStyles& styles, const std::vector<const core::HonorEntry*>& entries,
               SDL_Rect card, bool beside) {
    for (const core::HonorEntry* entry : entries) {
        const CardLayout layout = card_layout(styles, *entry, card);
        int width = layout.right - layout.left;
        if (beside && !entry->class_name.empty()) width -= styles.class_width + styles.padding;
        if (canvas.text_painter.fit({entry->name}, styles.name, std::max(1, width), styles.name_line).truncated) {
            return false;
        }
    }
    return true;
}

std::string detail_of(const core::HonorEntry& entry, bool class_beside_name) {
    return class_beside_name ? entry.achievement : joined({entry.class_name, entry.achievement});
}

// Lines each achievement takes in cards `card` wide (photos narrow the text), at most
// most_detail_lines + 1 (more than any card may hold); a card with a photo keeps two so
// that its photo is not a thumbnail.
std::vector<int> detail_lines(SlideCanvas& canvas, const CardStyles& styles, const core::HonorRoll& roll, SDL_Rect card,
                              bool beside) {
    std::vector<int> lines;
    for (const core::HonorEntry& entry : roll.entries) {
        int count = entry.photo ? 2 : 1;
        const std::string detail = detail_of(entry, beside);
        if (!detail.empty()) {
            const CardLayout layout = card_layout(styles, entry, card);
            const FittedText fitted =
                canvas.text_painter.fit({detail}, styles.detail, std::max(1, layout.right - layout.left),
                                        styles.detail_line * (most_detail_lines + 1));
            count = std::max(count, (fitted.height + styles.detail_line / 2) / std::max(1, styles.detail_line));
        }
        lines.push_back(count);
    }
    return lines;
}

void draw_card(SlideCanvas& canvas, const CardStyles& styles, const core::HonorEntry& entry, SDL_Rect card,
               bool class_beside_name) {
    const ThemeColours& colours = canvas.colours();
    const int radius = canvas.geometry.radius;
    const int shadow = std::max(2, canvas.px(0.004));
    canvas.shapes.rounded_rect(SDL_Rect{card.x, card.y + shadow, card.w, card.h}, radius,
                               solid(SDL_Color{90, 50, 20, 28}));
    canvas.shapes.rounded_rect(card, radius, solid(colours.card));
    canvas.shapes.rounded_rect(SDL_Rect{card.x, card.y, styles.accent * 2, card.h}, radius,
                               Fill{colours.gold, colours.gold_dark, GradientDirection::vertical});
    canvas.shapes.rect(SDL_Rect{card.x + styles.accent, card.y, styles.accent, card.h}, colours.card);

    const CardLayout layout = card_layout(styles, entry, card);
    if (entry.photo) canvas.framed_image(entry.photo, layout.photo, PlaceholderKind::person);

    class_beside_name = class_beside_name && !entry.class_name.empty();
    int name_right = layout.right;
    if (class_beside_name) {
        DrawnText drawn = canvas.text(
            entry.class_name, styles.class_name,
            SDL_Rect{layout.right - styles.class_width, layout.top, styles.class_width, styles.name_line});
        name_right = drawn.report.drawn.x - styles.padding;
    }
    canvas.text(entry.name, styles.name,
                SDL_Rect{layout.left, layout.top, std::max(1, name_right - layout.left), styles.name_line});

    const std::string detail = detail_of(entry, class_beside_name);
    if (!detail.empty()) {
        const int y = layout.top + styles.name_line;
        canvas.text(detail, styles.detail,
                    SDL_Rect{layout.left, y, layout.right - layout.left, card.y + card.h - styles.padding / 3 - y});
    }
}

}  // namespace

namespace {

// Rows of `columns` cards, each as tall as its longest achievement needs, put on pages
// while they fit in `room`; then as many rows on every page as the fullest allows, so
// that the last page is not left with a row or two.
std::vector<HonorPage> paginate(const std::vector<int>& lines, int columns, int most_rows_lines, int room, int gap,
                                const CardStyles& styles) {
    std::vector<int> heights;  // of each row
    for (std::size_t first = 0; first < lines.size(); first += static_cast<std::size_t>(columns)) {
        const auto end =
            lines.begin() + static_cast<std::ptrdiff_t>(std::min(lines.size(), first + static_cast<std::size_t>(columns)));
        const int most =
            std::min(most_rows_lines, *std::max_element(lines.begin() + static_cast<std::ptrdiff_t>(first), end));
        heights.push_back(card_height(styles, most));
    }
    const auto fill = [&](std::size_t most_rows) {
        std::vector<HonorPage> pages;
        for (std::size_t row = 0; row < heights.size();) {
            HonorPage page{.first = static_cast<int>(row) * columns, .count = 0, .row_heights = {}};
            int used = 0;
            while (row < heights.size() && page.row_heights.size() < most_rows &&
                   (page.row_heights.empty() || used + gap + heights[row] <= room)) {
                used += (page.row_heights.empty() ? 0 : gap) + heights[row];
                page.row_heights.push_back(heights[row]);
                ++row;
            }
            page.count = std::min(static_cast<int>(lines.size()) - page.first,
                                  static_cast<int>(page.row_heights.size()) * columns);
            pages.push_back(std::move(page));
        }
        return pages;
    };
    std::vector<HonorPage> greedy = fill(heights.size());
    if (greedy.size() < 2) return greedy;
    const std::size_t even = (heights.size() + greedy.size() - 1) / greedy.size();
    std::vector<HonorPage> balanced = fill(even);
    return balanced.size() == greedy.size() ? balanced : greedy;
}

}  // namespace

HonorLayout honor_roll_layout(SlideCanvas& canvas, const core::HonorRoll& roll) {
    const CardStyles styles = card_styles(canvas, roll);
    const SDL_Rect area = grid_area(canvas, roll);
    const int gap = card_gap(canvas);
    std::vector<const core::HonorEntry*> entries;
    for (const core::HonorEntry& entry : roll.entries) entries.push_back(&entry);
    // Fewer, wider columns when the narrower cards would cut a name or an achievement;
    // among the arrangements that keep every one whole, the one with the fewest pages.
    const int widest_columns = canvas.geometry.portrait ? 2 : 3;
    std::optional<HonorLayout> best;
    for (int columns = widest_columns; columns >= 1; --columns) {
        const int width = (area.w - gap * (columns - 1)) / columns;
        const SDL_Rect card{0, 0, width, card_height(styles, 2)};
        const bool beside = class_fits_beside(canvas, styles, entries, card);
        const std::vector<int> lines = detail_lines(canvas, styles, roll, card, beside);
        const int most = most_lines(canvas);
        const bool whole = std::all_of(lines.begin(), lines.end(), [&](int count) { return count <= most; }) &&
                           names_fit(canvas, styles, entries, card, beside);
        if (!whole && columns > 1) continue;
        HonorLayout layout{.columns = columns, .class_beside_name = beside,
                           .pages = paginate(lines, columns, most, area.h, gap, styles)};
        if (!best || layout.pages.size() < best->pages.size()) best = std::move(layout);
    }
    if (best->pages.empty()) best->pages.push_back(HonorPage{});
    return *best;
}

int honor_roll_page_count(SlideCanvas& canvas, const core::HonorRoll& roll) {
    return static_cast<int>(honor_roll_layout(canvas, roll).pages.size());
}

void draw_honor_roll_slide(SlideCanvas& canvas, const core::HonorRoll& roll, int page) {
    const HonorLayout layout = honor_roll_layout(canvas, roll);
    const int pages = static_cast<int>(layout.pages.size());
    page = std::clamp(page, 0, pages - 1);
    draw_list_title_block(canvas, roll.title, joined({roll.unit, roll.period}), page, pages);

    const CardStyles styles = card_styles(canvas, roll);
    const SDL_Rect area = grid_area(canvas, roll);
    const int gap = card_gap(canvas);
    const int card_width = (area.w - gap * (layout.columns - 1)) / layout.columns;
    const HonorPage& shown = layout.pages[static_cast<std::size_t>(page)];
    const int rows = static_cast<int>(shown.row_heights.size());
    // Room left on the page goes to the rows, up to two lines each: roomier cards, not an
    // empty band under them (a short last page keeps its cards a sensible height).
    int used = gap * std::max(0, rows - 1);
    for (int height : shown.row_heights) used += height;
    const int extra = rows > 0 ? std::clamp((area.h - used) / rows, 0, 2 * styles.detail_line) : 0;
    // Across each row, like a table read line by line.
    int y = area.y;
    for (int row = 0; row < rows; ++row) {
        const int height = shown.row_heights[static_cast<std::size_t>(row)] + extra;
        for (int column = 0; column < layout.columns; ++column) {
            const int index = shown.first + row * layout.columns + column;
            if (index >= shown.first + shown.count) break;
            const SDL_Rect card{area.x + column * (card_width + gap), y, card_width, height};
            draw_card(canvas, styles, roll.entries[static_cast<std::size_t>(index)], card, layout.class_beside_name);
        }
        y += height + gap;
    }
}

}  // namespace bangvang::render
