#include "render/ticker_strip.hpp"

#include <algorithm>

namespace bangvang::render {
namespace {

struct TickerLook {
    int rule = 0;
    int text_size = 0;
    int star_radius = 0;
    int spacing = 0;  // from a message's end to the star, and from the star to the next message
};

TickerLook ticker_look(const SlideCanvas& canvas) {
    const SDL_Rect band = canvas.geometry.ticker;
    TickerLook look;
    look.rule = std::max(1, canvas.px(0.004));
    // The messages are read as body text: never under the body's cap-height floor
    // (ticker_height_fraction leaves room for it; hinting may ask a pixel more).
    look.text_size = std::max((band.h - look.rule) * 58 / 100,
                              canvas.text_painter.legible_size(TextRole::body, FontWeight::bold, 0));
    look.star_radius = std::max(2, (band.h - look.rule) * 20 / 100);
    look.spacing = canvas.geometry.gap * 3 / 2;
    return look;
}

int entry_width(SlideCanvas& canvas, const TickerLook& look, const std::string& message) {
    return canvas.text_painter.line(message, FontWeight::bold, look.text_size, canvas.colours().header_text).width +
           2 * look.spacing + 2 * look.star_radius;
}

}  // namespace

TextBlockReport ticker_text_report(SlideCanvas& canvas) {
    TextBlockReport report;
    if (canvas.geometry.ticker.w <= 0 || canvas.geometry.ticker.h <= 0) return report;
    const TickerLook look = ticker_look(canvas);
    report.box = canvas.geometry.ticker;
    report.role = TextRole::body;
    report.font_size = look.text_size;
    report.cap_height = canvas.text_painter.cap_height(FontWeight::bold, look.text_size);
    report.cap_floor = canvas.text_painter.floors().of(TextRole::body);
    return report;
}

int ticker_cycle_width(SlideCanvas& canvas, const std::vector<std::string>& messages) {
    if (canvas.geometry.ticker.w <= 0 || canvas.geometry.ticker.h <= 0) return 0;
    const TickerLook look = ticker_look(canvas);
    int total = 0;
    for (const std::string& message : messages) {
        if (!message.empty()) total += entry_width(canvas, look, message);
    }
    // A few short lines do not repeat across the strip: one pass is at least its width.
    return total > 0 ? std::max(total, canvas.geometry.ticker.w) : 0;
}

void draw_ticker_strip(SlideCanvas& canvas, const std::vector<std::string>& messages, std::int64_t scroll) {
    const SDL_Rect band = canvas.geometry.ticker;
    if (band.w <= 0 || band.h <= 0) return;
    const TickerLook look = ticker_look(canvas);
    const ThemeColours& colours = canvas.colours();
    canvas.shapes.rect(band, colours.header_bottom);
    canvas.shapes.rect(SDL_Rect{band.x, band.y, band.w, look.rule}, colours.gold);

    const int cycle = ticker_cycle_width(canvas, messages);
    if (cycle <= 0) return;
    const int middle = band.y + look.rule + (band.h - look.rule) / 2;
    // The messages repeat with a period of one pass; at scroll 0 the first one starts at
    // the margin, so a still frame (a screenshot) reads from the beginning.
    std::int64_t pass = band.x + canvas.geometry.margin - scroll % cycle;
    if (pass > band.x) pass -= cycle;
    for (; pass < band.x + band.w; pass += cycle) {
        std::int64_t x = pass;
        for (const std::string& message : messages) {
            if (message.empty()) continue;
            RenderedText text = canvas.text_painter.line(message, FontWeight::bold, look.text_size, colours.header_text);
            const std::int64_t width = text.width + 2 * look.spacing + 2 * look.star_radius;
            if (x + width > band.x && x < band.x + band.w && text.texture) {
                SDL_Rect destination{static_cast<int>(x), middle - text.height / 2, text.width, text.height};
                SDL_RenderCopy(canvas.renderer, text.texture, nullptr, &destination);
                const int star_x = static_cast<int>(x) + text.width + look.spacing + look.star_radius;
                canvas.shapes.star(SDL_Point{star_x, middle}, look.star_radius, colours.gold);
            }
            x += width;
            if (x >= band.x + band.w) break;
        }
    }
}

}  // namespace bangvang::render
