#pragma once
// The frame around every slide: the background, a deep red header band with the
// place name, the Vietnamese date and the time, and a footer naming the source.
#include <string>

#include "core/clock_time.hpp"
#include "render/slide_canvas.hpp"

namespace bangvang::render {

struct ChromeText {
    std::string place_name;   // "Phường Nhân Chính"
    std::string source_name;  // "UBND quận Thanh Xuân"
    std::string section;      // what kind of slide this is: "Gương điển hình tiên tiến"
    core::WallClock now;
    std::string notice{};     // stale content, said before the section; empty = nothing to say
};

void draw_slide_chrome(SlideCanvas& canvas, const ChromeText& chrome);

// Repaints only the header's clock (its background and the time) over a slide this
// canvas drew before; the result equals a whole slide drawn at `now` as long as the
// date has not changed. Returns the area repainted.
SDL_Rect redraw_clock(SlideCanvas& canvas, const core::WallClock& now);

// "08:05"
std::string clock_label(const core::WallClock& now);

}  // namespace bangvang::render
