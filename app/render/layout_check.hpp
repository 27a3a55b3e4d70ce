#pragma once
// Checks a drawn slide's report for what makes a slide unreadable: a glyph the font
// lacks, text drawn outside its box or the slide, two text blocks on top of each
// other, text over a picture, a QR code under 4 px a module. Used by the render tests
// and the gallery.
#include <string>
#include <vector>

#include "render/slide_report.hpp"

namespace bangvang::render {

// One line per problem, naming the text; empty when the slide is clean.
std::vector<std::string> check_layout(const SlideReport& report, int width, int height);

}  // namespace bangvang::render
