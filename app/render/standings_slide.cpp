#include "render/standings_slide.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/vietnamese_dates.hpp"
#include "render/slide_parts.hpp"

namespace bangvang::render {
namespace {

// Row pitch as a fraction of the shorter side: one line per row in landscape, two
// (name above bar) in portrait where the screen is narrow. The smallest pitch
// decides how many rows a page holds; a page with fewer rows spreads them out, up
// to the largest.
constexpr double landscape_row_pitch = 0.052;
constexpr double landscape_row_pitch_largest = 0.085;
constexpr double portrait_row_pitch = 0.112;
constexpr double portrait_row_pitch_largest = 0.150;

int row_pitch(const SlideGeometry& geometry) {
    return geometry.px(geometry.portrait ? portrait_row_pitch : landscape_row_pitch);
}

int spread_row_pitch(const SlideGeometry& geometry, int room, int rows) {
    const int largest = geometry.px(geometry.portrait ? portrait_row_pitch_largest : landscape_row_pitch_largest);
    return std::clamp(room / std::max(1, rows), row_pitch(geometry), largest);
}

double scale_of(const core::Standings& standings) {
    if (standings.max_score > 0) return standings.max_score;
    double largest = 0;
    for (const core::StandingRow& row : standings.rows) largest = std::max(largest, row.score);
    return largest > 0 ? largest : 1;
}

struct RowParts {
    SDL_Rect card;
    SDL_Point rank_centre;
    int rank_radius = 0;
    SDL_Rect name;
    SDL_Rect track;
    SDL_Rect score;
    SDL_Rect change;
};

RowParts landscape_row(const SlideCanvas& canvas, SDL_Rect card) {
    const int padding = card.h / 10;
    const int gap = canvas.geometry.gap;
    RowParts parts;
    parts.card = card;
    parts.rank_radius = card.h * 46 / 100;
    parts.rank_centre = SDL_Point{card.x + padding + parts.rank_radius, card.y + card.h / 2};
    const int name_x = parts.rank_centre.x + parts.rank_radius + gap * 2 / 3;
    const int change_width = canvas.px(0.10);
    const int score_width = canvas.px(0.12);
    parts.change = SDL_Rect{card.x + card.w - padding - change_width, card.y, change_width, card.h};
    parts.score = SDL_Rect{parts.change.x - score_width, card.y, score_width - gap / 2, card.h};
    parts.name = SDL_Rect{name_x, card.y, card.w * 30 / 100, card.h};
    const int track_x = parts.name.x + parts.name.w + gap;
    const int track_height = card.h * 34 / 100;
    parts.track = SDL_Rect{track_x, card.y + (card.h - track_height) / 2, parts.score.x - gap / 2 - track_x, track_height};
    return parts;
}

RowParts portrait_row(const SlideCanvas& canvas, SDL_Rect card) {
    const int padding = card.h / 8;
    const int gap = canvas.geometry.gap;
    RowParts parts;
    parts.card = card;
    parts.rank_radius = card.h * 27 / 100;
    parts.rank_centre = SDL_Point{card.x + padding + parts.rank_radius, card.y + card.h / 2};
    const int left = parts.rank_centre.x + parts.rank_radius + gap * 2 / 3;
    const int right = card.x + card.w - padding;
    const int upper = card.h * 52 / 100;
    const int change_width = canvas.px(0.12);
    const int score_width = canvas.px(0.13);
    parts.name = SDL_Rect{left, card.y + padding / 2, right - left, upper - padding / 2};
    parts.change = SDL_Rect{right - change_width, card.y + upper, change_width, card.h - upper - padding / 2};
    parts.score = SDL_Rect{parts.change.x - score_width, parts.change.y, score_width - gap / 2, parts.change.h};
    const int track_height = card.h * 18 / 100;
    parts.track = SDL_Rect{left, parts.change.y + (parts.change.h - track_height) / 2, parts.score.x - gap / 2 - left,
                           track_height};
    return parts;
}

void draw_rank_change(SlideCanvas& canvas, const std::optional<int>& change, SDL_Rect box, int size) {
    if (!change) return;
    const ThemeColours& colours = canvas.colours();
    if (*change == 0) {
        canvas.text("–", TextStyle{.weight = FontWeight::bold, .size = size, .colour = colours.text_muted,
                                   .align = TextAlign::centre, .vertical = VerticalAlign::middle},
                    box);
        return;
    }
    const bool rise = *change > 0;
    const SDL_Color colour = rise ? colours.rise : colours.fall;
    const int triangle = size * 3 / 4;
    const SDL_Rect mark{box.x + box.w / 8, box.y + (box.h - triangle) / 2, triangle, triangle * 7 / 8};
    if (rise) {
        canvas.shapes.triangle_up(mark, colour);
    } else {
        canvas.shapes.triangle_down(mark, colour);
    }
    const int text_x = mark.x + mark.w + size / 4;
    canvas.text(std::to_string(std::abs(*change)),
                TextStyle{.weight = FontWeight::bold, .size = size, .min_size = size * 3 / 4, .colour = colour,
                          .vertical = VerticalAlign::middle},
                SDL_Rect{text_x, box.y, box.x + box.w - text_x, box.h});
}

void draw_row(SlideCanvas& canvas, const core::StandingRow& row, const RowParts& parts, double scale, bool shaded) {
    const Theme& theme = canvas.theme;
    const ThemeColours& colours = canvas.colours();
    const bool podium = row.rank >= 1 && row.rank <= 3;
    canvas.shapes.rounded_rect(parts.card, canvas.geometry.radius,
                               solid(shaded ? colours.card : with_alpha(colours.card, 150)));
    if (podium) {
        canvas.shapes.circle(parts.rank_centre, parts.rank_radius,
                             Fill{colours.gold_light, colours.gold, GradientDirection::vertical});
    } else {
        canvas.shapes.circle(parts.rank_centre, parts.rank_radius, solid(colours.rule));
    }
    const int rank_size = parts.rank_radius * 112 / 100;
    canvas.text(std::to_string(row.rank),
                TextStyle{.weight = FontWeight::bold, .size = rank_size, .min_size = rank_size * 6 / 10,
                          .colour = podium ? colours.header_bottom : colours.text, .align = TextAlign::centre,
                          .vertical = VerticalAlign::middle},
                SDL_Rect{parts.rank_centre.x - parts.rank_radius, parts.rank_centre.y - parts.rank_radius,
                         parts.rank_radius * 2, parts.rank_radius * 2});

    const int name_size = canvas.px(theme.text.body);
    canvas.text(row.unit,
                TextStyle{.weight = podium ? FontWeight::bold : FontWeight::regular, .size = name_size,
                          .min_size = canvas.px(theme.text.body_min * 0.9), .colour = colours.text,
                          .vertical = VerticalAlign::middle, .paragraph_gap = 0},
                parts.name);

    const SDL_Rect& track = parts.track;
    canvas.shapes.rounded_rect(track, track.h / 2, solid(with_alpha(colours.rule, 170)));
    const double share = std::clamp(row.score / scale, 0.0, 1.0);
    const int filled = std::max(track.h, static_cast<int>(std::lround(track.w * share)));
    const Fill bar = podium ? Fill{colours.gold_dark, colours.gold, GradientDirection::horizontal}
                            : Fill{colours.bar, colours.bar_end, GradientDirection::horizontal};
    if (share > 0) canvas.shapes.rounded_rect(SDL_Rect{track.x, track.y, filled, track.h}, track.h / 2, bar);

    const int score_size = canvas.px(theme.text.body * 1.05);
    canvas.text(score_label(row.score),
                TextStyle{.weight = FontWeight::bold, .size = score_size, .min_size = score_size * 3 / 4,
                          .colour = podium ? colours.title : colours.text, .align = TextAlign::right,
                          .vertical = VerticalAlign::middle},
                parts.score);
    draw_rank_change(canvas, row.rank_change, parts.change, canvas.px(theme.text.caption * 1.15));
}

}  // namespace

std::string score_label(double score) {
    const double rounded = std::round(score * 10) / 10;
    char text[32];
    if (std::abs(rounded - std::round(rounded)) < 1e-9) {
        std::snprintf(text, sizeof text, "%.0f", rounded);
    } else {
        std::snprintf(text, sizeof text, "%.1f", rounded);
    }
    std::string label = text;
    std::replace(label.begin(), label.end(), '.', ',');
    return label;
}

int standings_rows_per_page(const SlideGeometry& geometry, const Theme& theme) {
    const int room = geometry.content.h - list_title_block_height(geometry, theme);
    return std::max(1, room / std::max(1, row_pitch(geometry)));
}

int standings_page_count(const SlideGeometry& geometry, const Theme& theme, const core::Standings& standings) {
    return pages_for(static_cast<int>(standings.rows.size()), standings_rows_per_page(geometry, theme));
}

void draw_standings_slide(SlideCanvas& canvas, const core::Standings& standings, int page) {
    const SlideGeometry& geometry = canvas.geometry;
    const int rows = static_cast<int>(standings.rows.size());
    const int per_page = standings_rows_per_page(geometry, canvas.theme);
    const int pages = pages_for(rows, per_page);
    const std::string updated =
        standings.updated ? "cập nhật " + core::vietnamese_short_date(*standings.updated) : std::string();
    int y = draw_list_title_block(canvas, standings.title, joined({standings.cluster, standings.period, updated}),
                                  page, pages);

    const PageSlice slice = page_slice(rows, per_page, page);
    const int pitch = spread_row_pitch(geometry, geometry.content.y + geometry.content.h - y, slice.count);
    const int row_height = pitch - std::max(4, pitch / 9);
    const double scale = scale_of(standings);
    for (int i = 0; i < slice.count; ++i) {
        const core::StandingRow& row = standings.rows[static_cast<std::size_t>(slice.first + i)];
        const SDL_Rect card{geometry.content.x, y + i * pitch, geometry.content.w, row_height};
        const RowParts parts = geometry.portrait ? portrait_row(canvas, card) : landscape_row(canvas, card);
        draw_row(canvas, row, parts, scale, i % 2 == 0);
    }
}

}  // namespace bangvang::render
