#pragma once
// Photos drawn to fill a frame, and what stands in for a photo that is missing.
#include <SDL.h>

#include "render/image_library.hpp"
#include "render/shape_painter.hpp"
#include "render/theme.hpp"

namespace bangvang::render {

// The part of an image that covers `frame_width` x `frame_height` without
// distortion: the whole width or height, cropped on the other axis. Vertically the
// row at `focus_y` (0 = top, 1 = bottom) is kept as near the middle as the image
// allows: portraits put faces at about 0.38.
inline constexpr double face_focus = 0.38;
inline constexpr double scene_focus = 0.45;
SDL_Rect cover_source(int image_width, int image_height, int frame_width, int frame_height, double focus_y);

enum class PlaceholderKind {
    person,  // a head-and-shoulders silhouette
    emblem,  // a gold star: announcements, commemorations
};

// A warm panel with a figure, so a missing image reads as intentional, never as a black hole.
void draw_placeholder(SDL_Renderer* renderer, ShapePainter& shapes, const Theme& theme, SDL_Rect frame,
                      PlaceholderKind kind);

}  // namespace bangvang::render
