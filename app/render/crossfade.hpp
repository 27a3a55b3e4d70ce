#pragma once
// The transition between two slides: the old one fully drawn, the new one over it
// with growing opacity.
#include <SDL.h>

namespace bangvang::render {

struct CrossfadeOptions {
    // Eases in and out, so the change starts and ends softly instead of linearly.
    bool smooth = true;
};

// Draws `from` then `to` at `progress` in [0, 1] (0: only `from`, 1: only `to`) over
// the whole current target. Either texture may be null (drawn as nothing).
void draw_crossfade(SDL_Renderer* renderer, SDL_Texture* from, SDL_Texture* to, double progress,
                    const CrossfadeOptions& options = {});

// 0..1 progress after `elapsed_ms` of a fade lasting `duration_ms`.
double crossfade_progress(Uint64 elapsed_ms, Uint64 duration_ms);

}  // namespace bangvang::render
