#include "render/frame_rotation.hpp"

namespace bangvang::render {

SDL_Point output_point_from_slide(const FrameShape& shape, SDL_Point slide) {
    switch (shape.rotation) {
        case 90: return SDL_Point{shape.height - 1 - slide.y, slide.x};
        case 180: return SDL_Point{shape.width - 1 - slide.x, shape.height - 1 - slide.y};
        case 270: return SDL_Point{slide.y, shape.width - 1 - slide.x};
        default: return slide;
    }
}

SDL_Point slide_point_from_output(const FrameShape& shape, SDL_Point output) {
    switch (shape.rotation) {
        case 90: return SDL_Point{output.y, shape.height - 1 - output.x};
        case 180: return SDL_Point{shape.width - 1 - output.x, shape.height - 1 - output.y};
        case 270: return SDL_Point{shape.width - 1 - output.y, output.x};
        default: return output;
    }
}

void copy_turned(SDL_Renderer* renderer, SDL_Texture* frame, const FrameShape& shape) {
    if (shape.rotation == 0) {
        SDL_RenderCopy(renderer, frame, nullptr, nullptr);
        return;
    }
    // SDL turns the destination rectangle about its centre: place the unturned
    // slide-shaped rectangle so that its centre is the output's.
    const SDL_Rect destination{(shape.output_width() - shape.width) / 2, (shape.output_height() - shape.height) / 2,
                               shape.width, shape.height};
    SDL_RenderCopyEx(renderer, frame, nullptr, &destination, shape.rotation, nullptr, SDL_FLIP_NONE);
}

}  // namespace bangvang::render
