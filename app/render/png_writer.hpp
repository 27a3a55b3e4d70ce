#pragma once
// Screenshots of what the renderer drew: headless runs, previews, render tests.
#include <filesystem>

#include <SDL.h>

namespace bangvang::render {

// Saves the renderer's current target (a target texture, or the window) as a PNG.
// Throws RenderError naming the file when reading the pixels or writing fails.
void save_png(SDL_Renderer* renderer, const std::filesystem::path& path);

}  // namespace bangvang::render
