#pragma once
// The size TTF_Render*_Wrapped gives a block of text, found without drawing it:
// fitting tries several font sizes and cuts per block, and drawing each try (even
// with the cheap Solid renderer) rasterised every glyph at every size tried.
// SDL_ttf 2.20's own line breaking is followed step for step (TTF_MeasureUTF8 per
// line, a cut at the last space or tab, a new line at '\n' or '\r', at least one
// character a line); test_text_painter checks it against the drawn size.
#include <string_view>

#include <SDL_ttf.h>

#include "render/text_fitting.hpp"

namespace bangvang::render {

// `text` wrapped at `wrap_width` pixels (> 0) in `font`, as TTF_RenderUTF8_*_Wrapped would
// draw it. Throws RenderError when SDL_ttf would refuse it (no width at all).
TextSize wrapped_text_size(TTF_Font* font, std::string_view text, int wrap_width);

}  // namespace bangvang::render
