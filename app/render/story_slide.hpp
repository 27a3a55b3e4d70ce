#pragma once
// An exemplary person or collective: photo, name, role and unit, award, headline,
// story, and a QR code to the full article on the portal.
#include <cstddef>

#include "core/model.hpp"
#include "render/slide_canvas.hpp"

namespace bangvang::render {

// A body too long for one page goes on over further pages (at most max_body_pages).
int story_page_count(SlideCanvas& canvas, const core::Story& story);
void draw_story_slide(SlideCanvas& canvas, const core::Story& story, int page);

// The side of the square a story's QR code takes, quiet zone included (its caption goes
// below): a fraction of the screen, but never less than a version-5 code (106 bytes at
// level L, a portal article's address) at qr_min_pixels_per_module.
int story_qr_side(const SlideGeometry& geometry);

// The longest link, in bytes, whose QR code stays readable on a screen of this geometry
// (qr_min_pixels_per_module in story_qr_side): what `validate` holds staff links to.
std::size_t story_link_capacity(const SlideGeometry& geometry);

}  // namespace bangvang::render
