#pragma once
// A movement launch or notice: title, body, optional image.
#include "core/model.hpp"
#include "render/slide_canvas.hpp"

namespace bangvang::render {

void draw_announcement_slide(SlideCanvas& canvas, const core::Announcement& announcement);

}  // namespace bangvang::render
