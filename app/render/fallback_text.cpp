#include "render/fallback_text.hpp"

#include <algorithm>
#include <cmath>

#include "core/utf8.hpp"

#include "render/font_fallback.hpp"

namespace bangvang::render {
namespace {

// Calls `visit(code_point, bytes)` for each character; an invalid byte is U+FFFD.
template <typename Visit>
void for_each_code_point(std::string_view text, Visit visit) {
    core::for_each_utf8_character(text, [&](const core::Utf8Character& character, std::string_view bytes) {
        visit(character.code_point, bytes);
    });
}

// Downscaling a 128 px emoji to a 30 px line in one linear step skips most of its
// pixels (ragged edges); halving first averages them all.
SurfacePtr scaled(SDL_Surface* source, double scale) {
    const int width = std::max(1, static_cast<int>(std::lround(source->w * scale)));
    const int height = std::max(1, static_cast<int>(std::lround(source->h * scale)));
    SurfacePtr current(SDL_ConvertSurfaceFormat(source, SDL_PIXELFORMAT_ARGB8888, 0));
    if (!current) return create_rgba_surface(width, height);
    while (current->w >= 2 * width && current->h >= 2 * height && current->w >= 2 && current->h >= 2) {
        SurfacePtr half = create_rgba_surface(current->w / 2, current->h / 2);
        SDL_SoftStretchLinear(current.get(), nullptr, half.get(), nullptr);
        current = std::move(half);
    }
    SurfacePtr result = create_rgba_surface(width, height);
    SDL_SoftStretchLinear(current.get(), nullptr, result.get(), nullptr);
    return result;
}

// Runs sit side by side: where two touch (an overhang), the more opaque pixel wins,
// so a run's transparent margin never erases its neighbour's ink.
void compose(SDL_Surface* target, SDL_Surface* source, int left, int top) {
    for (int y = 0; y < source->h; ++y) {
        const int target_y = top + y;
        if (target_y < 0 || target_y >= target->h) continue;
        const auto* from = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(source->pixels) +
                                                            static_cast<std::ptrdiff_t>(y) * source->pitch);
        auto* to = reinterpret_cast<Uint32*>(static_cast<Uint8*>(target->pixels) +
                                             static_cast<std::ptrdiff_t>(target_y) * target->pitch);
        for (int x = 0; x < source->w; ++x) {
            const int target_x = left + x;
            if (target_x < 0 || target_x >= target->w) continue;
            if ((from[x] >> 24) > (to[target_x] >> 24)) to[target_x] = from[x];
        }
    }
}

}  // namespace

int FallbackText::font_for(FontWeight weight, int size, char32_t code_point) {
    if (draws_no_glyph(code_point)) return theme_font;
    if (TTF_GlyphIsProvided32(fonts_.get(weight, size), code_point)) return theme_font;
    if (is_right_to_left(code_point)) return no_font;
    for (std::size_t index = 0; index < fonts_.fallback_count(); ++index) {
        TTF_Font* font = fonts_.fallback(index, size);
        if (font && TTF_GlyphIsProvided32(font, code_point)) return static_cast<int>(index);
    }
    return no_font;
}

bool FallbackText::needed(FontWeight weight, int size, std::string_view text) {
    TTF_Font* theme = fonts_.get(weight, size);
    bool found = false;
    for_each_code_point(text, [&](char32_t c, std::string_view) {
        if (found || draws_no_glyph(c) || TTF_GlyphIsProvided32(theme, c)) return;
        found = font_for(weight, size, c) >= 0;
    });
    return found;
}

std::vector<FallbackText::Run> FallbackText::runs(FontWeight weight, int size, std::string_view text) {
    std::vector<Run> runs;
    for_each_code_point(text, [&](char32_t c, std::string_view bytes) {
        int font = draws_no_glyph(c) && !runs.empty() ? runs.back().font : font_for(weight, size, c);
        if (font == no_font) font = theme_font;  // its box, which validate reports
        if (runs.empty() || runs.back().font != font) runs.push_back(Run{.text = {}, .font = font});
        runs.back().text += bytes;
    });
    return runs;
}

TTF_Font* FallbackText::run_font(const Run& run, FontWeight weight, int size) {
    if (run.font == theme_font) return fonts_.get(weight, size);
    return fonts_.fallback(static_cast<std::size_t>(run.font), size);
}

int FallbackText::run_width(const Run& run, FontWeight weight, int size) {
    int width = 0;
    if (TTF_SizeUTF8(run_font(run, weight, size), run.text.c_str(), &width, nullptr) != 0) return 0;
    if (run.font == theme_font) return width;
    return static_cast<int>(std::lround(width * fonts_.fallback_scale(static_cast<std::size_t>(run.font), weight, size)));
}

int FallbackText::line_width(FontWeight weight, int size, std::string_view text) {
    int width = 0;
    for (const Run& run : runs(weight, size, text)) width += run_width(run, weight, size);
    return width;
}

std::vector<std::string> FallbackText::wrap(FontWeight weight, int size, std::string_view text, int wrap_width) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view hard_line = text.substr(start, end - start);
        if (hard_line.ends_with('\r')) hard_line.remove_suffix(1);
        std::string line;
        std::size_t word_start = 0;
        while (word_start <= hard_line.size()) {
            std::size_t word_end = hard_line.find(' ', word_start);
            if (word_end == std::string_view::npos) word_end = hard_line.size();
            const std::string_view word = hard_line.substr(word_start, word_end - word_start);
            // The whole candidate line is measured, not the sum of its words: kerning and
            // the spaces' own advance make the sum a few pixels short, enough to clip a letter.
            std::string candidate = line + (word_start > 0 ? " " : "") + std::string(word);
            if (wrap_width > 0 && !line.empty() && line_width(weight, size, candidate) > wrap_width) {
                lines.push_back(std::move(line));
                line = std::string(word);
            } else {
                line = std::move(candidate);
            }
            word_start = word_end + 1;
        }
        lines.push_back(std::move(line));
        start = end + 1;
    }
    return lines;
}

TextSize FallbackText::measure(FontWeight weight, int size, std::string_view text, int wrap_width) {
    const std::vector<std::string> lines = wrap(weight, size, text, wrap_width);
    int widest = 0;
    for (const std::string& line : lines) widest = std::max(widest, line_width(weight, size, line));
    TTF_Font* theme = fonts_.get(weight, size);
    const int line_skip = TTF_FontLineSkip(theme);
    const int count = static_cast<int>(lines.size());
    return TextSize{.width = count > 1 ? wrap_width : std::min(wrap_width, widest),
                    .height = std::max(TTF_FontHeight(theme), line_skip) + line_skip * (count - 1)};
}

void FallbackText::draw_line(SDL_Surface* target, int x, int y, const std::string& line, FontWeight weight, int size,
                             SDL_Color colour) {
    TTF_Font* theme = fonts_.get(weight, size);
    for (const Run& run : runs(weight, size, line)) {
        const int width = run_width(run, weight, size);
        TTF_Font* font = run_font(run, weight, size);
        SurfacePtr drawn(TTF_RenderUTF8_Blended(font, run.text.c_str(), colour));
        if (drawn) {
            double scale = 1.0;
            if (run.font != theme_font) scale = fonts_.fallback_scale(static_cast<std::size_t>(run.font), weight, size);
            if (scale != 1.0) drawn = scaled(drawn.get(), scale);
            // Baselines meet: the run's ascent (scaled) below the line's top as the theme's.
            const int top = y + TTF_FontAscent(theme) - static_cast<int>(std::lround(TTF_FontAscent(font) * scale));
            compose(target, drawn.get(), x, top);
        }
        x += width;
    }
}

SurfacePtr FallbackText::render(FontWeight weight, int size, std::string_view text, SDL_Color colour,
                                int wrap_width, TextAlign align) {
    const std::vector<std::string> lines = wrap(weight, size, text, wrap_width);
    std::vector<int> widths;
    int widest = 0;
    for (const std::string& line : lines) {
        widths.push_back(line_width(weight, size, line));
        widest = std::max(widest, widths.back());
    }
    TTF_Font* theme = fonts_.get(weight, size);
    const int line_skip = TTF_FontLineSkip(theme);
    const int width = std::max(1, wrap_width > 0 ? wrap_width : widest);
    const int height = std::max(TTF_FontHeight(theme), line_skip) + line_skip * (static_cast<int>(lines.size()) - 1);
    SurfacePtr surface = create_rgba_surface(width, height);
    // Transparent pixels carry the text's colour, as SDL_ttf's own surfaces do, so that
    // scaling the texture never darkens the edges of light text.
    SDL_FillRect(surface.get(), nullptr, SDL_MapRGBA(surface->format, colour.r, colour.g, colour.b, 0));
    for (std::size_t i = 0; i < lines.size(); ++i) {
        int x = 0;
        if (align == TextAlign::centre) x = (width - widths[i]) / 2;
        if (align == TextAlign::right) x = width - widths[i];
        draw_line(surface.get(), std::max(0, x), static_cast<int>(i) * line_skip, lines[i], weight, size, colour);
    }
    return surface;
}

}  // namespace bangvang::render
