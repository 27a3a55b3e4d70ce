#pragma once
// A movement launch or notice: title, body, optional image. A body too long for one
// page at its legible size goes on over further pages (at most max_body_pages), which
// repeat the title without the picture.
#include "core/model.hpp"
#include "render/slide_canvas.hpp"

namespace bangvang::render {

int announcement_page_count(SlideCanvas& canvas, const core::Announcement& announcement);
void draw_announcement_slide(SlideCanvas& canvas, const core::Announcement& announcement, int page);

}  // namespace bangvang::render
