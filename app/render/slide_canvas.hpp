#pragma once
// Everything a slide template draws with, and the report it fills in. Templates
// are free functions taking a SlideCanvas; they never own SDL resources.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "render/image_frame.hpp"
#include "render/image_library.hpp"
#include "render/shape_painter.hpp"
#include "render/slide_geometry.hpp"
#include "render/slide_report.hpp"
#include "render/text_painter.hpp"
#include "render/theme.hpp"

namespace bangvang::render {

class QrTextureCache;

struct SlideCanvas {
    SDL_Renderer* renderer;
    const Theme& theme;
    const SlideGeometry& geometry;
    TextPainter& text_painter;
    ShapePainter& shapes;
    ImageLibrary& images;
    QrTextureCache& qr_codes;
    SlideReport& report;
    // False during a layout pass: blocks are placed and measured, nothing is drawn.
    // Templates guard their own shape calls with it.
    bool painting = true;

    const ThemeColours& colours() const { return theme.colours; }
    int px(double fraction) const { return geometry.px(fraction); }

    // Draws and records a text block in the report (with what was cut, if anything).
    DrawnText text(std::string_view text, const TextStyle& style, SDL_Rect box);
    DrawnText text(const std::vector<std::string>& paragraphs, const TextStyle& style, SDL_Rect box);

    // The image (cover-cropped) in a gold frame with a soft shadow; a placeholder when
    // `sha256` is empty, missing or broken. Returns the picture's rectangle.
    SDL_Rect framed_image(const std::optional<std::string>& sha256, SDL_Rect outer, PlaceholderKind placeholder);

    // Width over height of the image, clamped to [narrowest, widest]; `fallback` when
    // there is no image or it cannot be loaded. Frames take the picture's own shape
    // where the layout allows, so less of it is cropped away.
    double image_aspect(const std::optional<std::string>& sha256, double fallback, double narrowest, double widest);

    // The QR code of `url` at the top of `box` (square, whole modules) with its caption
    // under it. Returns the area used; empty when the URL cannot be encoded.
    SDL_Rect qr_code(std::string_view url, SDL_Rect box, std::string_view caption);

    // A rounded label ("Chiến sĩ thi đua cơ sở") at `top_left`, at most `max_width`
    // wide; returns its rectangle.
    SDL_Rect pill(std::string_view label, SDL_Point top_left, int max_width, const TextStyle& style, const Fill& fill);
};

// QR code textures by URL: the same few URLs come round every rotation.
class QrTextureCache {
public:
    explicit QrTextureCache(SDL_Renderer* renderer) : renderer_(renderer) {}
    // Null when the URL cannot be encoded.
    SDL_Texture* get(const std::string& url);
    void clear() { textures_.clear(); }

private:
    SDL_Renderer* renderer_;
    std::unordered_map<std::string, TexturePtr> textures_;
};

}  // namespace bangvang::render
