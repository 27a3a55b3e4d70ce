#include "render/image_frame.hpp"

#include <algorithm>
#include <cmath>

namespace bangvang::render {

SDL_Rect cover_source(int image_width, int image_height, int frame_width, int frame_height, double focus_y) {
    if (image_width <= 0 || image_height <= 0 || frame_width <= 0 || frame_height <= 0) return SDL_Rect{0, 0, 0, 0};
    const double image_aspect = static_cast<double>(image_width) / image_height;
    const double frame_aspect = static_cast<double>(frame_width) / frame_height;
    if (image_aspect > frame_aspect) {  // wider than the frame: crop the sides, centred
        int width = std::max(1, static_cast<int>(std::lround(image_height * frame_aspect)));
        return SDL_Rect{(image_width - width) / 2, 0, width, image_height};
    }
    int height = std::max(1, static_cast<int>(std::lround(image_width / frame_aspect)));
    const int spare = image_height - height;
    const int top = static_cast<int>(std::lround(image_height * std::clamp(focus_y, 0.0, 1.0) - height / 2.0));
    return SDL_Rect{0, std::clamp(top, 0, spare), image_width, height};
}

void draw_placeholder(SDL_Renderer* renderer, ShapePainter& shapes, const Theme& theme, SDL_Rect frame,
                      PlaceholderKind kind) {
    // The shoulders run past the bottom edge so only their rounded top shows.
    SDL_Rect previous_clip;
    SDL_RenderGetClipRect(renderer, &previous_clip);
    const bool was_clipping = SDL_RenderIsClipEnabled(renderer);
    SDL_RenderSetClipRect(renderer, &frame);
    const ThemeColours& colours = theme.colours;
    shapes.gradient_rect(frame, Fill{colours.placeholder, mix(colours.placeholder, colours.placeholder_figure, 0.35),
                                     GradientDirection::vertical});
    const int side = std::min(frame.w, frame.h);
    const int centre_x = frame.x + frame.w / 2;
    if (kind == PlaceholderKind::person) {
        // Head and shoulders, standing on the bottom edge like a real portrait.
        const int head = side * 19 / 100;
        const int head_y = frame.y + frame.h - side * 62 / 100;
        shapes.circle(SDL_Point{centre_x, head_y}, head, solid(colours.placeholder_figure));
        const int shoulders_width = side * 76 / 100;
        const int shoulders_top = head_y + head + side * 5 / 100;
        const int shoulders_height = frame.y + frame.h - shoulders_top;
        shapes.rounded_rect(SDL_Rect{centre_x - shoulders_width / 2, shoulders_top, shoulders_width,
                                     shoulders_height + shoulders_width / 2},
                            shoulders_width / 2, solid(colours.placeholder_figure));
    } else {
        const int radius = side * 30 / 100;
        const SDL_Point centre{centre_x, frame.y + frame.h / 2};
        shapes.circle(centre, radius, solid(with_alpha(colours.gold, 70)));
        shapes.star(centre, radius * 78 / 100, colours.gold);
    }
    SDL_RenderSetClipRect(renderer, was_clipping ? &previous_clip : nullptr);
}

}  // namespace bangvang::render
