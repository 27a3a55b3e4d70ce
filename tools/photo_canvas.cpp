#include "photo_canvas.hpp"

#include <SDL_image.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace bangvang::tools {

namespace {

constexpr int samples_per_axis = 4;

std::uint8_t to_byte(double component) {
    return static_cast<std::uint8_t>(std::lround(std::clamp(component, 0.0, 1.0) * 255.0));
}

Box bounds_of(const std::vector<Point>& corners) {
    Box box{corners.front().x, corners.front().y, corners.front().x, corners.front().y};
    for (const Point& corner : corners) {
        box.left = std::min(box.left, corner.x);
        box.top = std::min(box.top, corner.y);
        box.right = std::max(box.right, corner.x);
        box.bottom = std::max(box.bottom, corner.y);
    }
    return box;
}

}  // namespace

FontPtr open_font(const std::filesystem::path& file, int point_size) {
    FontPtr font(TTF_OpenFont(file.c_str(), point_size));
    if (!font) throw PhotoError("cannot open font " + file.string() + ": " + TTF_GetError());
    return font;
}

Color rgb(int red, int green, int blue) {
    return {red / 255.0, green / 255.0, blue / 255.0};
}

Color mix(Color from, Color to, double amount) {
    return {from.red + (to.red - from.red) * amount, from.green + (to.green - from.green) * amount,
            from.blue + (to.blue - from.blue) * amount};
}

Shape circle(Point centre, double radius) {
    return {[=](Point p) {
                const double dx = p.x - centre.x;
                const double dy = p.y - centre.y;
                return dx * dx + dy * dy <= radius * radius;
            },
            {centre.x - radius, centre.y - radius, centre.x + radius, centre.y + radius}};
}

Shape ellipse(Point centre, double radius_x, double radius_y, double rotation_radians) {
    const double cosine = std::cos(rotation_radians);
    const double sine = std::sin(rotation_radians);
    const double reach = std::max(radius_x, radius_y);
    return {[=](Point p) {
                const double dx = p.x - centre.x;
                const double dy = p.y - centre.y;
                const double along = (dx * cosine + dy * sine) / radius_x;
                const double across = (-dx * sine + dy * cosine) / radius_y;
                return along * along + across * across <= 1.0;
            },
            {centre.x - reach, centre.y - reach, centre.x + reach, centre.y + reach}};
}

Shape polygon(std::vector<Point> corners) {
    const Box box = bounds_of(corners);
    return {[corners = std::move(corners)](Point p) {
                // Even-odd rule: count edge crossings of a ray towards +x.
                bool inside = false;
                for (std::size_t i = 0, j = corners.size() - 1; i < corners.size(); j = i++) {
                    const Point& a = corners[i];
                    const Point& b = corners[j];
                    if ((a.y > p.y) != (b.y > p.y) &&
                        p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) {
                        inside = !inside;
                    }
                }
                return inside;
            },
            box};
}

Shape rounded_rectangle(Box box, double corner_radius) {
    return {[=](Point p) {
                if (p.x < box.left || p.x > box.right || p.y < box.top || p.y > box.bottom) return false;
                const double nearest_x = std::clamp(p.x, box.left + corner_radius, box.right - corner_radius);
                const double nearest_y = std::clamp(p.y, box.top + corner_radius, box.bottom - corner_radius);
                const double dx = p.x - nearest_x;
                const double dy = p.y - nearest_y;
                return dx * dx + dy * dy <= corner_radius * corner_radius;
            },
            box};
}

Shape star(Point centre, double outer_radius, double inner_radius, int points, double rotation_radians) {
    std::vector<Point> corners;
    for (int i = 0; i < points * 2; ++i) {
        const double radius = (i % 2 == 0) ? outer_radius : inner_radius;
        const double angle = rotation_radians - std::numbers::pi / 2 + i * std::numbers::pi / points;
        corners.push_back({centre.x + radius * std::cos(angle), centre.y + radius * std::sin(angle)});
    }
    return polygon(std::move(corners));
}

Shape united(Shape first, Shape second) {
    const Box box{std::min(first.bounds.left, second.bounds.left), std::min(first.bounds.top, second.bounds.top),
                  std::max(first.bounds.right, second.bounds.right),
                  std::max(first.bounds.bottom, second.bounds.bottom)};
    return {[a = std::move(first.contains), b = std::move(second.contains)](Point p) { return a(p) || b(p); },
            box};
}

Shape clipped(Shape shape, Box clip) {
    const Box box{std::max(shape.bounds.left, clip.left), std::max(shape.bounds.top, clip.top),
                  std::min(shape.bounds.right, clip.right), std::min(shape.bounds.bottom, clip.bottom)};
    return {[inner = std::move(shape.contains), clip](Point p) {
                return p.x >= clip.left && p.x <= clip.right && p.y >= clip.top && p.y <= clip.bottom && inner(p);
            },
            box};
}

Shape subtracted(Shape shape, Shape hole) {
    return {[inner = std::move(shape.contains), cut = std::move(hole.contains)](Point p) { return inner(p) && !cut(p); },
            shape.bounds};
}

Canvas::Canvas(int width, int height)
    : width_(width), height_(height), pixels_(static_cast<std::size_t>(width) * static_cast<std::size_t>(height)) {}

void Canvas::fill_vertical_gradient(Color top, Color bottom) {
    for (int y = 0; y < height_; ++y) {
        const Color row = mix(top, bottom, static_cast<double>(y) / std::max(1, height_ - 1));
        std::fill_n(pixels_.begin() + static_cast<std::ptrdiff_t>(y) * width_, width_, row);
    }
}

void Canvas::add_glow(Point centre, double radius, Color colour, double strength) {
    for (int y = 0; y < height_; ++y) {
        for (int x = 0; x < width_; ++x) {
            const double distance = std::hypot(x + 0.5 - centre.x, y + 0.5 - centre.y) / radius;
            if (distance >= 1.0) continue;
            const double falloff = 1.0 - distance;
            blend_pixel(x, y, colour, strength * falloff * falloff);
        }
    }
}

void Canvas::fill(const Shape& shape, Color colour, double opacity) {
    const int left = std::max(0, static_cast<int>(std::floor(shape.bounds.left)));
    const int top = std::max(0, static_cast<int>(std::floor(shape.bounds.top)));
    const int right = std::min(width_ - 1, static_cast<int>(std::ceil(shape.bounds.right)));
    const int bottom = std::min(height_ - 1, static_cast<int>(std::ceil(shape.bounds.bottom)));
    constexpr double step = 1.0 / samples_per_axis;
    for (int y = top; y <= bottom; ++y) {
        for (int x = left; x <= right; ++x) {
            int covered = 0;
            for (int sy = 0; sy < samples_per_axis; ++sy) {
                for (int sx = 0; sx < samples_per_axis; ++sx) {
                    if (shape.contains({x + (sx + 0.5) * step, y + (sy + 0.5) * step})) ++covered;
                }
            }
            if (covered > 0) {
                blend_pixel(x, y, colour, opacity * covered / (samples_per_axis * samples_per_axis));
            }
        }
    }
}

void Canvas::draw_text_centred(TTF_Font& font, const std::string& text, Point centre, Color colour,
                               double opacity) {
    const SDL_Color white{255, 255, 255, 255};
    SurfacePtr rendered(TTF_RenderUTF8_Blended(&font, text.c_str(), white));
    if (!rendered) throw PhotoError("cannot render text \"" + text + "\": " + TTF_GetError());
    SurfacePtr glyphs(SDL_ConvertSurfaceFormat(rendered.get(), SDL_PIXELFORMAT_ARGB8888, 0));
    if (!glyphs) throw PhotoError(std::string("cannot convert text surface: ") + SDL_GetError());
    const int origin_x = static_cast<int>(std::lround(centre.x - glyphs->w / 2.0));
    const int origin_y = static_cast<int>(std::lround(centre.y - glyphs->h / 2.0));
    for (int y = 0; y < glyphs->h; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(static_cast<const std::uint8_t*>(glyphs->pixels) +
                                                                 y * glyphs->pitch);
        for (int x = 0; x < glyphs->w; ++x) {
            const double coverage = static_cast<double>(row[x] >> 24) / 255.0;
            if (coverage > 0) blend_pixel(origin_x + x, origin_y + y, colour, opacity * coverage);
        }
    }
}

void Canvas::blend_pixel(int x, int y, Color colour, double amount) {
    if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
    Color& pixel = pixels_[static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x)];
    pixel = mix(pixel, colour, std::clamp(amount, 0.0, 1.0));
}

SurfacePtr Canvas::to_surface() const {
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, width_, height_, 24, SDL_PIXELFORMAT_RGB24));
    if (!surface) throw PhotoError(std::string("cannot create surface: ") + SDL_GetError());
    for (int y = 0; y < height_; ++y) {
        auto* row = static_cast<std::uint8_t*>(surface->pixels) + y * surface->pitch;
        for (int x = 0; x < width_; ++x) {
            const Color& pixel = pixels_[static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) +
                                         static_cast<std::size_t>(x)];
            row[3 * x] = to_byte(pixel.red);
            row[3 * x + 1] = to_byte(pixel.green);
            row[3 * x + 2] = to_byte(pixel.blue);
        }
    }
    return surface;
}

void Canvas::save_jpeg(const std::filesystem::path& file, int quality) const {
    const SurfacePtr surface = to_surface();
    if (IMG_SaveJPG(surface.get(), file.c_str(), quality) != 0) {
        throw PhotoError("cannot write " + file.string() + ": " + IMG_GetError());
    }
}

}  // namespace bangvang::tools
