#include "render/shape_painter.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
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

// The fill's colour at each of `length` pixels along its direction, taken at pixel centres.
std::vector<SDL_Color> fill_ramp(const Fill& fill, int length) {
    std::vector<SDL_Color> ramp(static_cast<std::size_t>(length));
    for (std::size_t i = 0; i < ramp.size(); ++i) {
        ramp[i] = mix(fill.from, fill.to, (static_cast<double>(i) + 0.5) / static_cast<double>(ramp.size()));
    }
    return ramp;
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

// A rounded rectangle is drawn in pieces: its four corners from one small texture
// (the only anti-aliased pixels) and the rest from a narrow tile of the fill, copied
// side by side. As one texture a photo's frame was ~2 MB rasterised, zeroed twice and
// kept in the cache, for pixels that are all the plain fill but the corners'. Every
// piece holds exactly the pixels the whole texture held there, and each copy blends
// pixel by pixel, so the slide is the same to the byte.
void ShapePainter::rounded_rect(SDL_Rect rect, int radius, const Fill& fill) {
    if (rect.w <= 0 || rect.h <= 0) return;
    radius = std::clamp(radius, 0, std::min(rect.w, rect.h) / 2);
    if (radius > 0) {
        SDL_Texture* corners = corner_texture(rect.w, rect.h, radius, fill);
        for (int corner = 0; corner < 4; ++corner) {
            const int right = corner % 2, bottom = corner / 2;
            const SDL_Rect from{right * radius, bottom * radius, radius, radius};
            const SDL_Rect to{rect.x + right * (rect.w - radius), rect.y + bottom * (rect.h - radius), radius, radius};
            SDL_RenderCopy(renderer_, corners, &from, &to);
        }
    }
    // Between the corners: the top and bottom bands, then the full-width middle.
    tile_fill(rect, SDL_Rect{rect.x + radius, rect.y, rect.w - 2 * radius, radius}, fill);
    tile_fill(rect, SDL_Rect{rect.x + radius, rect.y + rect.h - radius, rect.w - 2 * radius, radius}, fill);
    tile_fill(rect, SDL_Rect{rect.x, rect.y + radius, rect.w, rect.h - 2 * radius}, fill);
}

SDL_Texture* ShapePainter::corner_texture(int width, int height, int radius, const Fill& fill) {
    std::string key = "corners/" + std::to_string(width) + 'x' + std::to_string(height) + '/' +
                      std::to_string(radius) + '/' + fill_key(fill);
    if (SDL_Texture* texture = find(key)) return texture;
    // The four radius-sized corner squares side by side (top left, top right; bottom left,
    // bottom right), each pixel worked out where it lies in the whole rectangle.
    SurfacePtr surface = create_rgba_surface(2 * radius, 2 * radius);
    const bool vertical = fill.direction == GradientDirection::vertical;
    const std::vector<SDL_Color> ramp = fill_ramp(fill, vertical ? height : width);
    for (int y = 0; y < 2 * radius; ++y) {
        const int in_rect_y = y < radius ? y : height - 2 * radius + y;
        Uint32* row = row_of(surface.get(), y);
        for (int x = 0; x < 2 * radius; ++x) {
            const int in_rect_x = x < radius ? x : width - 2 * radius + x;
            const SDL_Color colour = ramp[static_cast<std::size_t>(vertical ? in_rect_y : in_rect_x)];
            const double distance = rounded_rect_distance(in_rect_x + 0.5, in_rect_y + 0.5, width, height, radius);
            row[x] = pack(colour, 0.5 - distance);
        }
    }
    return store(std::move(key), std::move(surface));
}

void ShapePainter::tile_fill(SDL_Rect whole, SDL_Rect area, const Fill& fill) {
    if (area.w <= 0 || area.h <= 0) return;
    // A gradient changes along one axis only: its tile is a narrow strip across the whole
    // shape along that axis, repeated along the other. A plain colour's tile is a square.
    constexpr int tile = 64;
    const bool plain = std::memcmp(&fill.from, &fill.to, sizeof(SDL_Color)) == 0;
    const bool vertical = fill.direction == GradientDirection::vertical;
    const int tile_w = plain || vertical ? tile : whole.w;
    const int tile_h = plain || !vertical ? tile : whole.h;
    std::string key = "tile/" + std::to_string(tile_w) + 'x' + std::to_string(tile_h) + '/' + fill_key(fill);
    SDL_Texture* texture = find(key);
    if (!texture) {
        SurfacePtr surface = create_rgba_surface(tile_w, tile_h);
        const std::vector<SDL_Color> ramp = fill_ramp(fill, vertical ? tile_h : tile_w);
        for (int y = 0; y < tile_h; ++y) {
            Uint32* row = row_of(surface.get(), y);
            for (int x = 0; x < tile_w; ++x) row[x] = pack(ramp[static_cast<std::size_t>(vertical ? y : x)], 1.0);
        }
        texture = store(std::move(key), std::move(surface));
    }
    // Where the area starts in the tile: along a gradient, its place in the whole shape.
    const int offset_x = tile_w == whole.w ? area.x - whole.x : 0;
    const int offset_y = tile_h == whole.h ? area.y - whole.y : 0;
    const int step_w = tile_w == whole.w ? area.w : tile_w;
    const int step_h = tile_h == whole.h ? area.h : tile_h;
    for (int y = 0; y < area.h; y += step_h) {
        for (int x = 0; x < area.w; x += step_w) {
            const SDL_Rect from{offset_x, offset_y, std::min(step_w, area.w - x), std::min(step_h, area.h - y)};
            const SDL_Rect to{area.x + x, area.y + y, from.w, from.h};
            SDL_RenderCopy(renderer_, texture, &from, &to);
        }
    }
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
