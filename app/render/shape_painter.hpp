#pragma once
// Filled shapes with anti-aliased edges: SDL_RenderGeometry draws hard, jagged
// edges, which look cheap on a large screen. Each shape is rasterised once into a
// texture with per-pixel coverage and kept until the cache fills.
#include <string>
#include <vector>

#include "core/byte_budget_lru.hpp"
#include "render/sdl_handles.hpp"

namespace bangvang::render {

enum class GradientDirection { vertical, horizontal };

struct Fill {
    SDL_Color from{0, 0, 0, 255};
    SDL_Color to{0, 0, 0, 255};
    GradientDirection direction = GradientDirection::vertical;
};

inline Fill solid(SDL_Color colour) { return Fill{colour, colour, GradientDirection::vertical}; }

struct PointF {
    float x = 0;
    float y = 0;
};

class ShapePainter {
public:
    ShapePainter(SDL_Renderer* renderer, std::size_t budget_bytes);

    void rounded_rect(SDL_Rect rect, int radius, const Fill& fill);
    void circle(SDL_Point centre, int radius, const Fill& fill);
    // A convex or star-shaped polygon, points relative to `bounds`' corner.
    void polygon(SDL_Rect bounds, const std::vector<PointF>& points, SDL_Color colour, const std::string& name);
    void star(SDL_Point centre, int outer_radius, SDL_Color colour);
    void triangle_up(SDL_Rect bounds, SDL_Color colour);
    void triangle_down(SDL_Rect bounds, SDL_Color colour);

    // Hard-edged rectangles: straight edges need no anti-aliasing.
    void rect(SDL_Rect rect, SDL_Color colour);
    void gradient_rect(SDL_Rect rect, const Fill& fill);

    // Forgets every cached shape (their textures died with a renderer reset).
    void clear() { textures_.clear(); }
    std::size_t bytes() const { return textures_.bytes(); }

private:
    SDL_Texture* find(const std::string& key);
    SDL_Texture* store(std::string key, SurfacePtr surface);
    // A rounded rectangle's four anti-aliased corners, as one 2r x 2r texture.
    SDL_Texture* corner_texture(int width, int height, int radius, const Fill& fill);
    // Fills `area`, part of the shape `whole`, with the fill as `whole` would have it.
    void tile_fill(SDL_Rect whole, SDL_Rect area, const Fill& fill);

    SDL_Renderer* renderer_;
    core::ByteBudgetLru<TexturePtr> textures_;
};

// Linear mix of two colours, t in [0, 1].
SDL_Color mix(SDL_Color from, SDL_Color to, double t);
SDL_Color with_alpha(SDL_Color colour, Uint8 alpha);

}  // namespace bangvang::render
