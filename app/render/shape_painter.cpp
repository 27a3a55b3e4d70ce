#include "render/shape_painter.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

namespace bangvang::render {
namespace {

std::string colour_key(SDL_Color colour) {
    return std::to_string(colour.r) + ',' + std::to_string(colour.g) + ',' + std::to_string(colour.b) + ',' +
           std::to_string(colour.a);
}

std::string fill_key(const Fill& fill) {
    return colour_key(fill.from) + '>' + colour_key(fill.to) + (fill.direction == GradientDirection::vertical ? "v" : "h");
}

Uint32 pack(SDL_Color colour, double coverage) {
    auto alpha = static_cast<Uint32>(colour.a * std::clamp(coverage, 0.0, 1.0) + 0.5);
    return (alpha << 24) | (Uint32{colour.r} << 16) | (Uint32{colour.g} << 8) | Uint32{colour.b};
}

Uint32* row_of(SDL_Surface* surface, int y) {
    return reinterpret_cast<Uint32*>(static_cast<Uint8*>(surface->pixels) + static_cast<std::ptrdiff_t>(y) * surface->pitch);
}

// Signed distance from a pixel centre to a rounded rectangle's edge (negative inside).
double rounded_rect_distance(double x, double y, double width, double height, double radius) {
    double qx = std::abs(x - width / 2) - (width / 2 - radius);
    double qy = std::abs(y - height / 2) - (height / 2 - radius);
    double outside = std::hypot(std::max(qx, 0.0), std::max(qy, 0.0));
    return outside + std::min(std::max(qx, qy), 0.0) - radius;
}

bool inside_polygon(const std::vector<PointF>& points, double x, double y) {
    bool inside = false;
    for (std::size_t i = 0, j = points.size() - 1; i < points.size(); j = i++) {
        const PointF& a = points[i];
        const PointF& b = points[j];
        if ((a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x) inside = !inside;
    }
    return inside;
}

}  // namespace

SDL_Color mix(SDL_Color from, SDL_Color to, double t) {
    t = std::clamp(t, 0.0, 1.0);
    // Rounds half up like lround for these non-negative values, without a libm call per channel.
    auto channel = [t](Uint8 a, Uint8 b) { return static_cast<Uint8>(a + (b - a) * t + 0.5); };
    return SDL_Color{channel(from.r, to.r), channel(from.g, to.g), channel(from.b, to.b), channel(from.a, to.a)};
}

SDL_Color with_alpha(SDL_Color colour, Uint8 alpha) { return SDL_Color{colour.r, colour.g, colour.b, alpha}; }

ShapePainter::ShapePainter(SDL_Renderer* renderer, std::size_t budget_bytes)
    : renderer_(renderer), textures_(budget_bytes) {}

SDL_Texture* ShapePainter::find(const std::string& key) {
    const TexturePtr* found = textures_.find(key);
    return found ? found->get() : nullptr;
}

SDL_Texture* ShapePainter::store(std::string key, SurfacePtr surface) {
    const std::size_t bytes = static_cast<std::size_t>(surface->w) * static_cast<std::size_t>(surface->h) * 4;
    TexturePtr texture = create_texture_from_surface(renderer_, surface.get());
    SDL_SetTextureBlendMode(texture.get(), SDL_BLENDMODE_BLEND);
    return textures_.insert(std::move(key), std::move(texture), bytes).get();
}

void ShapePainter::rounded_rect(SDL_Rect rect, int radius, const Fill& fill) {
    if (rect.w <= 0 || rect.h <= 0) return;
    radius = std::clamp(radius, 0, std::min(rect.w, rect.h) / 2);
    std::string key = "rr/" + std::to_string(rect.w) + 'x' + std::to_string(rect.h) + '/' + std::to_string(radius) +
                      '/' + fill_key(fill);
    SDL_Texture* texture = find(key);
    if (!texture) {
        // A photo's frame is ~0.5 million pixels: the colour is worked out once per row
        // or column, and the edge distance only in the four corner squares (elsewhere
        // every pixel is wholly inside).
        SurfacePtr surface = create_rgba_surface(rect.w, rect.h);
        const bool vertical = fill.direction == GradientDirection::vertical;
        std::vector<SDL_Color> ramp(static_cast<std::size_t>(vertical ? rect.h : rect.w));
        for (std::size_t i = 0; i < ramp.size(); ++i) {
            ramp[i] = mix(fill.from, fill.to, (static_cast<double>(i) + 0.5) / static_cast<double>(ramp.size()));
        }
        for (int y = 0; y < rect.h; ++y) {
            Uint32* row = row_of(surface.get(), y);
            const bool corner_row = y < radius || y >= rect.h - radius;
            for (int x = 0; x < rect.w; ++x) {
                const SDL_Color colour = ramp[static_cast<std::size_t>(vertical ? y : x)];
                if (corner_row && (x < radius || x >= rect.w - radius)) {
                    double distance = rounded_rect_distance(x + 0.5, y + 0.5, rect.w, rect.h, radius);
                    row[x] = pack(colour, 0.5 - distance);
                } else {
                    row[x] = pack(colour, 1.0);
                }
            }
        }
        texture = store(std::move(key), std::move(surface));
    }
    SDL_RenderCopy(renderer_, texture, nullptr, &rect);
}

void ShapePainter::circle(SDL_Point centre, int radius, const Fill& fill) {
    rounded_rect(SDL_Rect{centre.x - radius, centre.y - radius, radius * 2, radius * 2}, radius, fill);
}

void ShapePainter::polygon(SDL_Rect bounds, const std::vector<PointF>& points, SDL_Color colour,
                           const std::string& name) {
    if (bounds.w <= 0 || bounds.h <= 0 || points.size() < 3) return;
    std::string key = "poly/" + name + '/' + std::to_string(bounds.w) + 'x' + std::to_string(bounds.h) + '/' +
                      colour_key(colour);
    SDL_Texture* texture = find(key);
    if (!texture) {
        constexpr int samples = 4;  // 4x4 supersampling per pixel
        SurfacePtr surface = create_rgba_surface(bounds.w, bounds.h);
        for (int y = 0; y < bounds.h; ++y) {
            Uint32* row = row_of(surface.get(), y);
            for (int x = 0; x < bounds.w; ++x) {
                int covered = 0;
                for (int sy = 0; sy < samples; ++sy) {
                    for (int sx = 0; sx < samples; ++sx) {
                        covered += inside_polygon(points, x + (sx + 0.5) / samples, y + (sy + 0.5) / samples);
                    }
                }
                row[x] = pack(colour, covered / double(samples * samples));
            }
        }
        texture = store(std::move(key), std::move(surface));
    }
    SDL_RenderCopy(renderer_, texture, nullptr, &bounds);
}

void ShapePainter::star(SDL_Point centre, int outer_radius, SDL_Color colour) {
    const double inner_radius = outer_radius * 0.382;  // the proportions of a regular five-pointed star
    std::vector<PointF> points;
    for (int i = 0; i < 10; ++i) {
        double radius = i % 2 == 0 ? outer_radius : inner_radius;
        double angle = -std::numbers::pi / 2 + i * std::numbers::pi / 5;
        points.push_back(PointF{static_cast<float>(outer_radius + radius * std::cos(angle)),
                                static_cast<float>(outer_radius + radius * std::sin(angle))});
    }
    polygon(SDL_Rect{centre.x - outer_radius, centre.y - outer_radius, outer_radius * 2, outer_radius * 2}, points,
            colour, "star");
}

void ShapePainter::triangle_up(SDL_Rect bounds, SDL_Color colour) {
    auto w = static_cast<float>(bounds.w), h = static_cast<float>(bounds.h);
    polygon(bounds, {{w / 2, 0}, {w, h}, {0, h}}, colour, "up");
}

void ShapePainter::triangle_down(SDL_Rect bounds, SDL_Color colour) {
    auto w = static_cast<float>(bounds.w), h = static_cast<float>(bounds.h);
    polygon(bounds, {{0, 0}, {w, 0}, {w / 2, h}}, colour, "down");
}

void ShapePainter::rect(SDL_Rect area, SDL_Color colour) {
    SDL_SetRenderDrawBlendMode(renderer_, colour.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(renderer_, colour.r, colour.g, colour.b, colour.a);
    SDL_RenderFillRect(renderer_, &area);
}

void ShapePainter::gradient_rect(SDL_Rect area, const Fill& fill) {
    if (area.w <= 0 || area.h <= 0) return;
    // Bands of one colour (a screen-high gradient of the theme's gentle shades has a few
    // dozen): the software renderer fills rectangles at memory speed, where
    // SDL_RenderGeometry works out every pixel's colour.
    const bool vertical = fill.direction == GradientDirection::vertical;
    const int length = vertical ? area.h : area.w;
    SDL_SetRenderDrawBlendMode(renderer_, fill.from.a == 255 && fill.to.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    int band_start = 0;
    SDL_Color band_colour = mix(fill.from, fill.to, 0.5 / length);
    auto fill_band = [&](int end) {
        SDL_SetRenderDrawColor(renderer_, band_colour.r, band_colour.g, band_colour.b, band_colour.a);
        const SDL_Rect band = vertical ? SDL_Rect{area.x, area.y + band_start, area.w, end - band_start}
                                       : SDL_Rect{area.x + band_start, area.y, end - band_start, area.h};
        SDL_RenderFillRect(renderer_, &band);
    };
    for (int i = 1; i < length; ++i) {
        const SDL_Color colour = mix(fill.from, fill.to, (i + 0.5) / length);
        if (colour.r == band_colour.r && colour.g == band_colour.g && colour.b == band_colour.b &&
            colour.a == band_colour.a) {
            continue;
        }
        fill_band(i);
        band_start = i;
        band_colour = colour;
    }
    fill_band(length);
}

}  // namespace bangvang::render
