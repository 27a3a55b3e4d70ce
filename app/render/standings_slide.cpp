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
constexpr double portrait_row_pitch = 0.104;
constexpr double portrait_row_pitch_largest = 0.150;

// The unit's name: body text, one size for every row of the table, at the body's floor
// (a table packs its rows: eleven wards on one page in landscape and in portrait).
int name_size(SlideCanvas& canvas) {
    // Podium rows are bold, the others regular: the larger of the two floors for all.
    const int size = canvas.px(canvas.theme.text.body_min * 0.9);
    return std::max(canvas.text_painter.legible_size(TextRole::body, FontWeight::bold, size),
                    canvas.text_painter.legible_size(TextRole::body, FontWeight::regular, size));
}

// The name's line (bold, the podium's weight) plus a small gap; in portrait the bar's line too.
int row_pitch(SlideCanvas& canvas) {
    const SlideGeometry& geometry = canvas.geometry;
    const int line = canvas.text_painter.line_height(FontWeight::bold, name_size(canvas));
    // Landscape rows are as tight as the name's line allows (its ink is well inside it):
    // a cluster of eleven wards stays on one page at 1920x1080.
    // Portrait rows hold the name's line over the bar's and score's, whose ink is well
    // inside its line: eleven wards stay on one page at 1080x1920 too.
    const int least = geometry.portrait ? line * 2 + line / 8 : line + 2;
    return std::max(least, geometry.px(geometry.portrait ? portrait_row_pitch : landscape_row_pitch));
}

int spread_row_pitch(SlideCanvas& canvas, int room, int rows) {
    const SlideGeometry& geometry = canvas.geometry;
    const int smallest = row_pitch(canvas);
    const int largest = std::max(smallest, geometry.px(geometry.portrait ? portrait_row_pitch_largest
                                                                         : landscape_row_pitch_largest));
    return std::clamp(room / std::max(1, rows), smallest, largest);
}

double scale_of(const core::Standings& standings) {
    if (standings.max_score > 0) return standings.max_score;
    double largest = 0;
    for (const core::StandingRow& row : standings.rows) largest = std::max(largest, row.score);
    return largest > 0 ? largest : 1;
}

// One size for every row of the table; the name and score columns as wide as the widest
// of them needs (within limits), so a long unit name is not cut where the bar has room.
struct TableSizes {
    int name = 0;
    int score = 0;
    int name_width = 0;   // landscape: the widest name, a third to a half of the row
    int score_width = 0;  // the widest score
    int score_decimals = 0;  // the same for every row, so the commas line up
};

struct RowParts {
    SDL_Rect card;
    SDL_Point rank_centre;
    int rank_radius = 0;
    SDL_Rect name;
    SDL_Rect track;
    SDL_Rect score;
    SDL_Rect change;
};

RowParts landscape_row(const SlideCanvas& canvas, SDL_Rect card, int pitch, const TableSizes& sizes) {
    const int padding = card.h / 10;
    const int gap = canvas.geometry.gap;
    RowParts parts;
    parts.card = card;
    parts.rank_radius = card.h * 46 / 100;
    parts.rank_centre = SDL_Point{card.x + padding + parts.rank_radius, card.y + card.h / 2};
    const int name_x = parts.rank_centre.x + parts.rank_radius + gap * 2 / 3;
    const int change_width = canvas.px(0.10);
    const int score_width = std::max(canvas.px(0.12), sizes.score_width + gap / 2);
    // Text lines may be a little taller than the card: their ink (cap height and
    // descenders) is well inside it.
    const int line_top = card.y - (pitch - card.h) / 2;
    parts.change = SDL_Rect{card.x + card.w - padding - change_width, line_top, change_width, pitch};
    parts.score = SDL_Rect{parts.change.x - score_width, line_top, score_width - gap / 2, pitch};
    parts.name = SDL_Rect{name_x, line_top,
                          std::clamp(sizes.name_width, card.w * 30 / 100, card.w / 2), pitch};
    const int track_x = parts.name.x + parts.name.w + gap;
    const int track_height = card.h * 34 / 100;
    parts.track = SDL_Rect{track_x, card.y + (card.h - track_height) / 2, parts.score.x - gap / 2 - track_x, track_height};
    return parts;
}

RowParts portrait_row(const SlideCanvas& canvas, SDL_Rect card, int name_line, const TableSizes& sizes) {
    const int padding = card.h / 8;
    const int gap = canvas.geometry.gap;
    RowParts parts;
    parts.card = card;
    parts.rank_radius = card.h * 27 / 100;
    parts.rank_centre = SDL_Point{card.x + padding + parts.rank_radius, card.y + card.h / 2};
    const int left = parts.rank_centre.x + parts.rank_radius + gap * 2 / 3;
    const int right = card.x + card.w - padding;
    const int upper = std::max(card.h * 52 / 100, name_line + padding / 2);
    const int change_width = canvas.px(0.12);
    const int score_width = std::max(canvas.px(0.13), sizes.score_width + gap / 2);
    parts.name = SDL_Rect{left, card.y + padding / 2, right - left, upper - padding / 2};
    // The score's line at the foot of the card, as tall as the name's.
    const int lower = std::max(card.h - upper - padding / 2, name_line);
    parts.change = SDL_Rect{right - change_width, card.y + card.h - lower, change_width, lower};
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

void draw_row(SlideCanvas& canvas, const core::StandingRow& row, const RowParts& parts, double scale, bool shaded,
              const TableSizes& sizes) {
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

    canvas.text(row.unit,
                TextStyle{.weight = podium ? FontWeight::bold : FontWeight::regular, .size = sizes.name,
                          .min_size = sizes.name, .colour = colours.text, .vertical = VerticalAlign::middle,
                          .paragraph_gap = 0, .role = TextRole::body},
                parts.name);

    const SDL_Rect& track = parts.track;
    canvas.shapes.rounded_rect(track, track.h / 2, solid(with_alpha(colours.rule, 170)));
    const double share = std::clamp(row.score / scale, 0.0, 1.0);
    const int filled = std::max(track.h, static_cast<int>(std::lround(track.w * share)));
    const Fill bar = podium ? Fill{colours.gold_dark, colours.gold, GradientDirection::horizontal}
                            : Fill{colours.bar, colours.bar_end, GradientDirection::horizontal};
    if (share > 0) canvas.shapes.rounded_rect(SDL_Rect{track.x, track.y, filled, track.h}, track.h / 2, bar);

    canvas.text(score_label(row.score, sizes.score_decimals),
                TextStyle{.weight = FontWeight::bold, .size = sizes.score, .min_size = sizes.score,
                          .colour = podium ? colours.title : colours.text, .align = TextAlign::right,
                          .vertical = VerticalAlign::middle},
                parts.score);
    draw_rank_change(canvas, row.rank_change, parts.change, canvas.px(theme.text.caption * 1.15));
}

}  // namespace

namespace {
// Scores are shown to a tenth at most; deciding the decimals and printing use the same rounding.
double to_tenths(double score) { return std::round(score * 10) / 10; }
}  // namespace

int score_decimals(const std::vector<core::StandingRow>& rows) {
    for (const core::StandingRow& row : rows) {
        const double shown = to_tenths(row.score);
        if (std::abs(shown - std::round(shown)) >= 1e-9) return 1;
    }
    return 0;
}

std::string score_label(double score, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, decimals > 0 ? "%.1f" : "%.0f", to_tenths(score));
    std::string label = text;
    std::replace(label.begin(), label.end(), '.', ',');
    return label;
}

namespace {
// "Cụm 1 · Quý III/2024 · cập nhật 15/11/2024"
std::string subtitle_of(const core::Standings& standings) {
    const std::string updated =
        standings.updated ? "cập nhật " + core::vietnamese_short_date(*standings.updated) : std::string();
    return joined({standings.cluster, standings.period, updated});
}
}  // namespace

int standings_rows_per_page(SlideCanvas& canvas, const core::Standings& standings) {
    const SlideGeometry& geometry = canvas.geometry;
    const int room = geometry.content.h - list_title_block_height(canvas, subtitle_of(standings));
    return std::max(1, room / std::max(1, row_pitch(canvas)));
}

int standings_page_count(SlideCanvas& canvas, const core::Standings& standings) {
    return pages_for(static_cast<int>(standings.rows.size()), standings_rows_per_page(canvas, standings));
}

void draw_standings_slide(SlideCanvas& canvas, const core::Standings& standings, int page) {
    const SlideGeometry& geometry = canvas.geometry;
    const int rows = static_cast<int>(standings.rows.size());
    const int per_page = standings_rows_per_page(canvas, standings);
    const int pages = pages_for(rows, per_page);
    int y = draw_list_title_block(canvas, standings.title, subtitle_of(standings), page, pages);

    const PageSlice slice = page_slice(rows, per_page, page);
    const int pitch = spread_row_pitch(canvas, geometry.content.y + geometry.content.h - y, slice.count);
    const int row_height = pitch - std::max(4, pitch / 9);
    const double scale = scale_of(standings);
    TableSizes sizes{.name = name_size(canvas), .score = name_size(canvas), .score_decimals = score_decimals(standings.rows)};
    for (const core::StandingRow& row : standings.rows) {
        sizes.name_width = std::max(sizes.name_width, canvas.text_painter.line_width(row.unit, FontWeight::bold, sizes.name));
        sizes.score_width = std::max(sizes.score_width,
                                     canvas.text_painter.line_width(score_label(row.score, sizes.score_decimals), FontWeight::bold, sizes.score));
    }
    sizes.name_width += geometry.gap / 3;
    const int name_line = canvas.text_painter.line_height(FontWeight::bold, sizes.name);
    for (int i = 0; i < slice.count; ++i) {
        const core::StandingRow& row = standings.rows[static_cast<std::size_t>(slice.first + i)];
        const SDL_Rect card{geometry.content.x, y + i * pitch, geometry.content.w, row_height};
        const RowParts parts =
            geometry.portrait ? portrait_row(canvas, card, name_line, sizes) : landscape_row(canvas, card, pitch, sizes);
        draw_row(canvas, row, parts, scale, i % 2 == 0, sizes);
    }
}

}  // namespace bangvang::render
