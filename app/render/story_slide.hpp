#pragma once
// An exemplary person or collective: photo, name, role and unit, award, headline,
// story, and a QR code to the full article on the portal.
#include "core/model.hpp"
#include "render/slide_canvas.hpp"

namespace bangvang::render {

// A body too long for one page goes on over further pages (at most max_body_pages).
int story_page_count(SlideCanvas& canvas, const core::Story& story);
void draw_story_slide(SlideCanvas& canvas, const core::Story& story, int page);

}  // namespace bangvang::render
