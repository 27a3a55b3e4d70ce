#pragma once
// Turning whole frames for screens that hang rotated. Slides are always drawn at
// their own (logical) shape; the output is that shape turned clockwise by 0, 90,
// 180 or 270 degrees. Bookworm's KMS driver ignores config.txt's display_rotate,
// so on a Pi the kiosk turns its frames itself (a free texture copy on the GPU).
#include <SDL.h>

namespace bangvang::render {

struct FrameShape {
    int width = 0;   // the slide's shape
    int height = 0;
    int rotation = 0;  // clockwise degrees: 0, 90, 180 or 270

    // The output's size: width and height swap at 90 and 270 degrees.
    int output_width() const { return rotation % 180 == 0 ? width : height; }
    int output_height() const { return rotation % 180 == 0 ? height : width; }
};

// Where a pixel of the output (a tap, in output coordinates) lies on the slide.
SDL_Point slide_point_from_output(const FrameShape& shape, SDL_Point output);
// Where a pixel of the slide lands on the output.
SDL_Point output_point_from_slide(const FrameShape& shape, SDL_Point slide);

// Copies `frame` (a slide-shaped texture) turned onto the whole of the current
// target, which is output-shaped.
void copy_turned(SDL_Renderer* renderer, SDL_Texture* frame, const FrameShape& shape);

}  // namespace bangvang::render
