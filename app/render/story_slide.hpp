#pragma once
// An exemplary person or collective: photo, name, role and unit, award, headline,
// story, and a QR code to the full article on the portal.
#include "core/model.hpp"
#include "render/slide_canvas.hpp"

namespace bangvang::render {

void draw_story_slide(SlideCanvas& canvas, const core::Story& story);

}  // namespace bangvang::render
