#include "render/honor_roll_slide.hpp"

#include <algorithm>
#include <cmath>

#include "render/slide_parts.hpp"

namespace bangvang::render {
namespace {

// Where the text of one card goes, and its styles.
struct CardLayout {
    int padding = 0;
    int left = 0;
    int right = 0;
    int top = 0;
    int name_height = 0;
    int class_width = 0;
    SDL_Rect photo{};
    TextStyle name_style;
    TextStyle class_style;
    TextStyle detail_style;
};

CardLayout card_layout(SlideCanvas& canvas, const core::HonorEntry& entry, SDL_Rect card) {
    const Theme& theme = canvas.theme;
    const ThemeColours& colours = canvas.colours();
    CardLayout layout;
    const int accent = std::max(4, canvas.px(0.008));
    layout.padding = std::max(6, card.h / 9);
    layout.left = card.x + accent + layout.padding;
    layout.right = card.x + card.w - layout.padding;
    if (entry.photo) {
        const int side = card.h - 2 * layout.padding;
        layout.photo = SDL_Rect{layout.left, card.y + layout.padding, side * 4 / 5, side};
        layout.left += layout.photo.w + layout.padding;
    }
    const int name_size = canvas.px(theme.text.body * 0.98);
    layout.name_height = canvas.text_painter.line_height(FontWeight::bold, name_size);
    layout.top = card.y + layout.padding * 2 / 3;
    layout.class_width = (layout.right - layout.left) * 3 / 10;
    layout.name_style = TextStyle{.weight = FontWeight::bold, .size = name_size, .min_size = name_size * 3 / 4,
                                  .colour = colours.text, .vertical = VerticalAlign::middle, .paragraph_gap = 0,
                                  .max_lines = 1};
    layout.class_style = TextStyle{.weight = FontWeight::bold, .size = canvas.px(theme.text.caption * 1.05),
                                   .min_size = canvas.px(theme.text.caption * 0.85), .colour = colours.gold_dark,
                                   .align = TextAlign::right, .vertical = VerticalAlign::middle, .max_lines = 1};
    const int detail_size = canvas.px(theme.text.caption * 1.08);
    layout.detail_style = TextStyle{.weight = FontWeight::regular, .size = detail_size,
                                    .min_size = detail_size * 9 / 10, .colour = colours.title, .paragraph_gap = 0};
    return layout;
}

// Whether the name fits at full size with the class beside it on the same line.
bool fits_beside_class(SlideCanvas& canvas, const core::HonorEntry& entry, SDL_Rect card) {
    const CardLayout layout = card_layout(canvas, entry, card);
    TextStyle full_size = layout.name_style;
    full_size.min_size = 0;
    const int width = layout.right - layout.left - layout.class_width - layout.padding;
    return !canvas.text_painter.fit({entry.name}, full_size, width, layout.name_height).truncated;
}

void draw_card(SlideCanvas& canvas, const core::HonorEntry& entry, SDL_Rect card, bool class_beside_name) {
    const ThemeColours& colours = canvas.colours();
    const int radius = canvas.geometry.radius;
    const int shadow = std::max(2, canvas.px(0.004));
    canvas.shapes.rounded_rect(SDL_Rect{card.x, card.y + shadow, card.w, card.h}, radius,
                               solid(SDL_Color{90, 50, 20, 28}));
    canvas.shapes.rounded_rect(card, radius, solid(colours.card));
    const int accent = std::max(4, canvas.px(0.008));
    canvas.shapes.rounded_rect(SDL_Rect{card.x, card.y, accent * 2, card.h}, radius,
                               Fill{colours.gold, colours.gold_dark, GradientDirection::vertical});
    canvas.shapes.rect(SDL_Rect{card.x + accent, card.y, accent, card.h}, colours.card);

    const CardLayout layout = card_layout(canvas, entry, card);
    if (entry.photo) canvas.framed_image(entry.photo, layout.photo, PlaceholderKind::person);

    class_beside_name = class_beside_name && !entry.class_name.empty();
    int name_right = layout.right;
    if (class_beside_name) {
        DrawnText drawn = canvas.text(
            entry.class_name, layout.class_style,
            SDL_Rect{layout.right - layout.class_width, layout.top, layout.class_width, layout.name_height});
        name_right = drawn.report.drawn.x - layout.padding;
    }
    canvas.text(entry.name, layout.name_style,
                SDL_Rect{layout.left, layout.top, std::max(1, name_right - layout.left), layout.name_height});

    const std::string detail = class_beside_name ? entry.achievement : joined({entry.class_name, entry.achievement});
    if (!detail.empty()) {
        const int y = layout.top + layout.name_height;
        canvas.text(detail, layout.detail_style,
                    SDL_Rect{layout.left, y, layout.right - layout.left, card.y + card.h - layout.padding / 2 - y});
    }
}

}  // namespace

HonorGrid honor_roll_grid(const SlideGeometry& geometry) {
    // About fifteen cards a page at 1080p: names stay readable from across a lobby.
    return geometry.portrait ? HonorGrid{2, 8} : HonorGrid{3, 5};
}

int honor_roll_page_count(const SlideGeometry& geometry, const core::HonorRoll& roll) {
    return pages_for(static_cast<int>(roll.entries.size()), honor_roll_grid(geometry).per_page());
}

void draw_honor_roll_slide(SlideCanvas& canvas, const core::HonorRoll& roll, int page) {
    const SlideGeometry& geometry = canvas.geometry;
    const HonorGrid grid = honor_roll_grid(geometry);
    const int count = static_cast<int>(roll.entries.size());
    const int pages = pages_for(count, grid.per_page());
    const int top = draw_list_title_block(canvas, roll.title, joined({roll.unit, roll.period}), page, pages);

    const SDL_Rect area{geometry.content.x, top, geometry.content.w, geometry.content.y + geometry.content.h - top};
    const int gap = geometry.gap * 2 / 3;
    const int card_width = (area.w - gap * (grid.columns - 1)) / grid.columns;
    const int card_height = (area.h - gap * (grid.rows - 1)) / grid.rows;
    const PageSlice slice = page_slice(count, grid.per_page(), page);
    // Down each column first, like a printed list of names.
    const int rows_used = std::max(1, std::min(grid.rows, (slice.count + grid.columns - 1) / grid.columns));
    auto card_at = [&](int i) {
        return SDL_Rect{area.x + (i / rows_used) * (card_width + gap), area.y + (i % rows_used) * (card_height + gap),
                        card_width, card_height};
    };
    auto entry_at = [&](int i) -> const core::HonorEntry& {
        return roll.entries[static_cast<std::size_t>(slice.first + i)];
    };
    // One arrangement for the whole page: cards that differ only by name length look untidy.
    bool class_beside_name = true;
    for (int i = 0; i < slice.count && class_beside_name; ++i) {
        class_beside_name = fits_beside_class(canvas, entry_at(i), card_at(i));
    }
    for (int i = 0; i < slice.count; ++i) draw_card(canvas, entry_at(i), card_at(i), class_beside_name);
}

}  // namespace bangvang::render
