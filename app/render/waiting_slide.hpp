#pragma once
// What plays when nothing can: calm, never black, with the kiosk id for the technician.
#include <string>

#include "render/slide_canvas.hpp"

namespace bangvang::render {

void draw_waiting_slide(SlideCanvas& canvas, const std::string& kiosk_id);

}  // namespace bangvang::render
