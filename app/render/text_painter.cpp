#include "render/text_painter.hpp"

#include <algorithm>

#include "core/utf8.hpp"

#include "core/text.hpp"
#include "render/body_pages.hpp"
#include "render/fallback_text.hpp"
#include "render/glyph_coverage.hpp"
#include "render/wrapped_text_size.hpp"

namespace bangvang::render {
namespace {

// Fit answers kept before the map is emptied; a rotation has a few hundred blocks.
constexpr std::size_t fitted_limit = 2048;

std::string replace_invalid_bytes(std::string_view text) {
    std::string repaired;
    repaired.reserve(text.size());
    core::for_each_utf8_character(text, [&](const core::Utf8Character& character, std::string_view bytes) {
        repaired += character.valid ? bytes : std::string_view("\xEF\xBF\xBD");  // U+FFFD
    });
    return repaired;
}

std::string fit_key(const std::vector<std::string>& paragraphs, const TextStyle& style, int width, int height) {
    std::string key = std::to_string(static_cast<int>(style.weight)) + '/' + std::to_string(style.size) + '/' +
                      std::to_string(style.min_size) + '/' + std::to_string(static_cast<int>(style.align)) + '/' +
                      std::to_string(style.paragraph_gap) + '/' + std::to_string(style.max_lines) + '/' + std::to_string(width) + '/' +
                      std::to_string(height);
    for (const std::string& paragraph : paragraphs) {
        key += '\x1f';
        key += paragraph;
    }
    return key;
}

SDL_Rect unite(const SDL_Rect& a, const SDL_Rect& b) {
    if (a.w <= 0 || a.h <= 0) return b;
    if (b.w <= 0 || b.h <= 0) return a;
    SDL_Rect united;
    SDL_UnionRect(&a, &b, &united);
    return united;
}

}  // namespace

std::string displayable_text(std::string_view text) {
    if (core::is_valid_utf8(text)) return core::to_nfc(text);
    return core::to_nfc(replace_invalid_bytes(text));
}

TextPainter::TextPainter(SDL_Renderer* renderer, FontCache& fonts, TextTextureCache& textures)
    : renderer_(renderer), fonts_(fonts), textures_(textures) {}

double CapHeightFloors::of(TextRole role) const {
    switch (role) {
        case TextRole::body: return body;
        case TextRole::secondary: return secondary;
        case TextRole::title: return title;
        case TextRole::other: return 0;
    }
    return 0;
}

CapHeightFloors cap_height_floors(int shorter_side, double body_cap) {
    const double body = shorter_side / 40.0;
    return CapHeightFloors{.body = body, .secondary = body * 3 / 4, .title = 1.1 * std::max(body, body_cap)};
}

void TextPainter::set_floors(const CapHeightFloors& floors) {
    floors_ = floors;
    fitted_.clear();
}

int TextPainter::cap_height(FontWeight weight, int size) {
    const int key = static_cast<int>(weight) * 1024 + std::clamp(size, 0, 1023);
    if (auto found = cap_heights_.find(key); found != cap_heights_.end()) return found->second;
    int min_x = 0, max_x = 0, min_y = 0, max_y = 0, advance = 0;
    if (TTF_GlyphMetrics32(fonts_.get(weight, size), 'H', &min_x, &max_x, &min_y, &max_y, &advance) != 0) {
        throw RenderError(std::string("TTF_GlyphMetrics32: ") + TTF_GetError());
    }
    return cap_heights_.emplace(key, max_y).first->second;
}

int TextPainter::size_for_cap_height(FontWeight weight, double cap) {
    if (cap <= 0) return 0;
    // Cap heights are about 0.7 em: start a little under and step up to the first that reaches it.
    int size = std::max(1, static_cast<int>(cap * 1.2));
    while (size < 1000 && cap_height(weight, size) < cap) ++size;
    while (size > 1 && cap_height(weight, size - 1) >= cap) --size;
    return size;
}

int TextPainter::legible_size(TextRole role, FontWeight weight, int size) {
    const double floor = floors_.of(role);
    if (floor <= 0) return size;
    return std::max(size, size_for_cap_height(weight, floor));
}

TextStyle TextPainter::legible(const TextStyle& style) {
    TextStyle raised = style;
    if (floors_.of(style.role) <= 0) return raised;
    const int least = legible_size(style.role, style.weight, 0);
    raised.size = std::max(style.size, least);
    if (style.min_size > 0) raised.min_size = std::max(style.min_size, least);
    return raised;
}

int TextPainter::line_height(FontWeight weight, int size) { return TTF_FontLineSkip(fonts_.get(weight, size)); }

int TextPainter::line_width(std::string_view text, FontWeight weight, int size) {
    const std::string displayable = displayable_text(text);
    if (FallbackText fallback(fonts_); fallback.needed(weight, size, displayable)) {
        return fallback.line_width(weight, size, displayable);
    }
    int width = 0;
    if (TTF_SizeUTF8(fonts_.get(weight, size), displayable.c_str(), &width, nullptr) != 0) {
        throw RenderError(std::string("TTF_SizeUTF8: ") + TTF_GetError());
    }
    return width;
}

RenderedText TextPainter::line(std::string_view text, FontWeight weight, int size, SDL_Color colour) {
    return textures_.get(displayable_text(text), weight, size, colour, 0, TextAlign::left);
}

TextSize TextPainter::measure_wrapped(std::string_view text, FontWeight weight, int size, int wrap_width) {
    if (text.empty()) return TextSize{};
    if (FallbackText fallback(fonts_); fallback.needed(weight, size, text)) {
        return fallback.measure(weight, size, text, std::max(1, wrap_width));
    }
    return wrapped_text_size(fonts_.get(weight, size), text, std::max(1, wrap_width));
}

FittedText TextPainter::fit(const std::vector<std::string>& paragraphs, const TextStyle& given, int box_width,
                            int box_height) {
    const TextStyle style = legible(given);
    std::vector<std::string> cleaned;
    cleaned.reserve(paragraphs.size());
    for (const std::string& paragraph : paragraphs) cleaned.push_back(displayable_text(paragraph));
    std::string key = fit_key(cleaned, style, box_width, box_height);
    if (auto found = fitted_.find(key); found != fitted_.end()) return found->second;

    TextMeasure measure{
        .wrapped = [&](std::string_view text, int size) {
            return measure_wrapped(text, style.weight, size, box_width);
        },
        .line_height = [&](int size) { return line_height(style.weight, size); },
    };
    FitRequest request{
        .font_size = style.size,
        .min_font_size = style.min_size > 0 ? style.min_size : style.size,
        .box_width = box_width,
        .box_height = box_height,
        .paragraph_gap = style.paragraph_gap,
        .max_lines = style.max_lines,
    };
    FittedText fitted = fit_paragraphs(cleaned, request, measure);
    if (fitted_.size() >= fitted_limit) fitted_.clear();
    fitted_.emplace(std::move(key), fitted);
    return fitted;
}

DrawnText TextPainter::draw(const std::vector<std::string>& paragraphs, const TextStyle& style, SDL_Rect box,
                            bool paint) {
    FittedText fitted = fit(paragraphs, style, box.w, box.h);
    DrawnText result;
    result.font_size = fitted.font_size;
    result.truncated = fitted.truncated;
    result.report.box = box;
    result.report.role = style.role;
    result.report.font_size = fitted.font_size;
    result.report.cap_height = fitted.font_size > 0 ? cap_height(style.weight, fitted.font_size) : 0;
    result.report.cap_floor = floors_.of(style.role);
    if (fitted.truncated) {
        std::size_t given = 0, drawn = 0;
        for (const std::string& paragraph : paragraphs) given += count_code_points(displayable_text(paragraph));
        for (const std::string& paragraph : fitted.paragraphs) {
            std::string_view text = paragraph;
            if (text.ends_with("\xE2\x80\xA6")) text.remove_suffix(3);
            drawn += count_code_points(text);
        }
        result.lost_characters = given > drawn ? given - drawn : 1;
    }

    int y = box.y;
    if (style.vertical == VerticalAlign::middle) y += (box.h - fitted.height) / 2;
    if (style.vertical == VerticalAlign::bottom) y += box.h - fitted.height;
    const int top = y;
    if (!paint) {
        int x = box.x;
        if (style.align == TextAlign::centre) x += (box.w - fitted.width) / 2;
        if (style.align == TextAlign::right) x += box.w - fitted.width;
        for (std::size_t i = 0; i < fitted.paragraphs.size(); ++i) {
            result.report.text += (i > 0 ? "\n" : "") + fitted.paragraphs[i];
        }
        result.occupied = fitted.paragraphs.empty() ? SDL_Rect{box.x, top, 0, 0}
                                                    : SDL_Rect{x, top, fitted.width, fitted.height};
        result.report.drawn = result.occupied;
        return result;
    }
    SDL_Rect ink{box.x, top, 0, 0};
    SDL_Rect occupied{box.x, top, 0, 0};
    for (std::size_t i = 0; i < fitted.paragraphs.size(); ++i) {
        const std::string& paragraph = fitted.paragraphs[i];
        if (i > 0) {
            result.report.text += '\n';
            y += fitted.paragraph_gap;
        }
        result.report.text += paragraph;
        result.report.missing_glyphs += count_missing_glyphs(fonts_, style.weight, fitted.font_size, paragraph);

        RenderedText rendered = textures_.get(paragraph, style.weight, fitted.font_size, style.colour, box.w,
                                              style.align);
        if (!rendered.texture) continue;
        int x = box.x;
        if (style.align == TextAlign::centre) x += (box.w - rendered.width) / 2;
        if (style.align == TextAlign::right) x += box.w - rendered.width;
        SDL_Rect destination{x, y, rendered.width, rendered.height};
        SDL_RenderCopy(renderer_, rendered.texture, nullptr, &destination);
        ink = unite(ink, SDL_Rect{x + rendered.ink.x, y + rendered.ink.y, rendered.ink.w, rendered.ink.h});
        occupied = unite(occupied, destination);
        y += rendered.height;
    }
    result.report.drawn = ink;
    result.occupied = occupied;
    return result;
}

DrawnText TextPainter::draw(std::string_view text, const TextStyle& style, SDL_Rect box, bool paint) {
    return draw(std::vector<std::string>{std::string(text)}, style, box, paint);
}

int TextPainter::measure_height(std::string_view text, const TextStyle& style, int box_width, int box_height) {
    return fit(std::vector<std::string>{std::string(text)}, style, box_width, box_height).height;
}

}  // namespace bangvang::render
