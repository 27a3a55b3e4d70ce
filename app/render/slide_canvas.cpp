#include "render/slide_canvas.hpp"

#include <algorithm>

#include "render/qr_code.hpp"

namespace bangvang::render {
namespace {
// Enough for every story of a large feed; beyond it the oldest codes are simply rebuilt.
constexpr std::size_t qr_cache_limit = 128;
}  // namespace

SDL_Texture* QrTextureCache::get(const std::string& url) {
    if (auto found = textures_.find(url); found != textures_.end()) return found->second.get();
    if (textures_.size() >= qr_cache_limit) textures_.clear();
    return textures_.emplace(url, create_qr_texture(renderer_, url)).first->second.get();
}

namespace {
void record(SlideReport& report, const DrawnText& drawn) {
    report.text_blocks.push_back(drawn.report);
    if (drawn.truncated) {
        report.cuts.push_back(TextCutReport{.field = {}, .shown = drawn.report.text, .paragraph = 0,
                                            .lost_characters = drawn.lost_characters});
    }
}
}  // namespace

DrawnText SlideCanvas::text(std::string_view content, const TextStyle& style, SDL_Rect box) {
    DrawnText drawn = text_painter.draw(content, style, box, painting);
    record(report, drawn);
    return drawn;
}

DrawnText SlideCanvas::text(const std::vector<std::string>& paragraphs, const TextStyle& style, SDL_Rect box) {
    DrawnText drawn = text_painter.draw(paragraphs, style, box, painting);
    record(report, drawn);
    return drawn;
}

SDL_Rect SlideCanvas::framed_image(const std::optional<std::string>& sha256, SDL_Rect outer,
                                   PlaceholderKind placeholder) {
    const int border = std::max(2, px(0.007));
    const int shadow = std::max(2, px(0.009));
    const int radius = geometry.radius;
    SDL_Rect picture{outer.x + border, outer.y + border, outer.w - 2 * border, outer.h - 2 * border};
    if (!painting) return picture;
    shapes.rounded_rect(SDL_Rect{outer.x + shadow / 2, outer.y + shadow, outer.w, outer.h}, radius,
                        solid(SDL_Color{60, 30, 10, 45}));
    shapes.rounded_rect(outer, radius,
                        Fill{colours().gold_light, colours().gold, GradientDirection::vertical});
    std::optional<ImageTexture> image = sha256 ? images.get(*sha256) : std::nullopt;
    const double focus = placeholder == PlaceholderKind::person ? face_focus : scene_focus;
    if (image) {
        SDL_Rect source = cover_source(image->width, image->height, picture.w, picture.h, focus);
        SDL_RenderCopy(renderer, image->texture, &source, &picture);
    } else {
        draw_placeholder(renderer, shapes, theme, picture, placeholder);
    }
    report.images.push_back(picture);
    if (sha256) {
        const auto& shaping = report.pictures_shaping_layout;
        report.pictures.push_back(PictureReport{
            .sha256 = *sha256, .box = picture, .focus_y = focus,
            .box_follows_picture = std::find(shaping.begin(), shaping.end(), *sha256) != shaping.end()});
    }
    return picture;
}

double SlideCanvas::image_aspect(const std::optional<std::string>& sha256, double fallback, double narrowest,
                                 double widest) {
    std::optional<ImageTexture> image = sha256 ? images.get(*sha256) : std::nullopt;
    if (!image || image->height <= 0) return fallback;
    report.pictures_shaping_layout.push_back(*sha256);
    return std::clamp(static_cast<double>(image->width) / image->height, narrowest, widest);
}

SDL_Rect SlideCanvas::qr_code(std::string_view url, SDL_Rect box, std::string_view caption) {
    SDL_Texture* texture = url.empty() ? nullptr : qr_codes.get(std::string(url));
    if (!texture) return SDL_Rect{box.x, box.y, 0, 0};
    int modules = 0;
    SDL_QueryTexture(texture, nullptr, nullptr, &modules, nullptr);
    const TextStyle caption_style{.weight = FontWeight::bold,
                                  .size = px(theme.text.caption),
                                  .min_size = px(theme.text.caption * 0.8),
                                  .colour = colours().text_muted,
                                  .align = TextAlign::centre,
                                  .role = TextRole::secondary};
    const int caption_height = text_painter.line_height(caption_style.weight, caption_style.size);
    int side = std::min(box.w, box.h - caption_height);
    side = std::max(modules, side / modules * modules);  // whole pixels per module keep it scannable
    SDL_Rect code{box.x + (box.w - side) / 2, box.y, side, side};
    const int rim = std::max(2, px(0.004));
    if (painting) {
        shapes.rounded_rect(SDL_Rect{code.x - rim, code.y - rim, code.w + 2 * rim, code.h + 2 * rim}, rim * 2,
                            solid(colours().rule));
        SDL_RenderCopy(renderer, texture, nullptr, &code);
    }
    report.images.push_back(code);
    report.qr_codes.push_back(QrCodeReport{.text = std::string(url), .code = code, .modules = modules,
                                           .pixels_per_module = side / modules});
    DrawnText label = text(caption, caption_style,
                           SDL_Rect{box.x, code.y + code.h + rim * 2, box.w, caption_height});
    // The caption's width as fitted, not as drawn (a drawn line's texture may be as wide
    // as its box): the layout pass and the drawing then agree on what the code takes.
    const int label_width = text_painter.fit({std::string(caption)}, caption_style, box.w, caption_height).width;
    const SDL_Rect label_area{box.x + (box.w - label_width) / 2, label.occupied.y, label_width, label.occupied.h};
    SDL_Rect used = code;
    SDL_UnionRect(&used, &label_area, &used);
    return used;
}

SDL_Rect SlideCanvas::pill(std::string_view label, SDL_Point top_left, int max_width, const TextStyle& style,
                           const Fill& fill) {
    const int padding_x = style.size * 3 / 5;
    const int padding_y = style.size / 5;
    const int inner_width = std::max(1, max_width - 2 * padding_x);
    const int line = text_painter.line_height(style.weight, style.size);
    TextStyle left = style;
    left.align = TextAlign::left;
    FittedText fitted = text_painter.fit({std::string(label)}, left, inner_width, line * 2);
    SDL_Rect shape{top_left.x, top_left.y, fitted.width + 2 * padding_x, fitted.height + 2 * padding_y};
    if (painting) shapes.rounded_rect(shape, std::min(shape.h / 2, line), fill);
    // Drawn at the width it was fitted at, so it wraps exactly as measured.
    text(label, left, SDL_Rect{shape.x + padding_x, shape.y + padding_y, inner_width, fitted.height});
    return shape;
}

}  // namespace bangvang::render
