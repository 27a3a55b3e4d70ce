#include "render/layout_check.hpp"

#include "render/qr_code.hpp"

namespace bangvang::render {

namespace {

bool is_empty(const SDL_Rect& rect) { return rect.w <= 0 || rect.h <= 0; }

bool inside(const SDL_Rect& inner, const SDL_Rect& outer) {
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w &&
           inner.y + inner.h <= outer.y + outer.h;
}

bool overlap(const SDL_Rect& a, const SDL_Rect& b) {
    SDL_Rect common;
    return !is_empty(a) && !is_empty(b) && SDL_IntersectRect(&a, &b, &common) == SDL_TRUE;
}

std::string describe(const SDL_Rect& rect) {
    return std::to_string(rect.x) + "," + std::to_string(rect.y) + " " + std::to_string(rect.w) + "x" +
           std::to_string(rect.h);
}

std::string quoted(const std::string& text) {
    return "\"" + (text.size() > 60 ? text.substr(0, 57) + "..." : text) + "\"";
}

}  // namespace

std::vector<std::string> check_layout(const SlideReport& report, int width, int height) {
    std::vector<std::string> problems;
    const SDL_Rect slide{0, 0, width, height};
    const auto& blocks = report.text_blocks;
    for (std::size_t index = 0; index < blocks.size(); ++index) {
        const TextBlockReport& block = blocks[index];
        if (block.missing_glyphs > 0) {
            problems.push_back(quoted(block.text) + " misses " + std::to_string(block.missing_glyphs) + " glyph(s)");
        }
        if (block.cap_floor > 0 && block.cap_height + 1e-9 < block.cap_floor &&
            block.text.find_first_not_of(" \n") != std::string::npos) {
            problems.push_back(quoted(block.text) + " has a cap height of " + std::to_string(block.cap_height) +
                               " px, under the " + std::to_string(block.cap_floor) + " px its role needs here");
        }
        if (is_empty(block.drawn)) {
            // A text with letters that drew nothing had no room at its smallest size.
            if (block.text.find_first_not_of(" \n") != std::string::npos) {
                problems.push_back(quoted(block.text) + " has no room in its box " + describe(block.box));
            }
            continue;
        }
        if (!inside(block.drawn, block.box)) {
            problems.push_back(quoted(block.text) + " drawn at " + describe(block.drawn) + " leaves its box " +
                               describe(block.box));
        }
        if (!inside(block.drawn, slide)) problems.push_back(quoted(block.text) + " leaves the slide");
        for (std::size_t other = index + 1; other < blocks.size(); ++other) {
            if (overlap(block.drawn, blocks[other].drawn)) {
                problems.push_back(quoted(block.text) + " overlaps " + quoted(blocks[other].text));
            }
        }
        for (const SDL_Rect& image : report.images) {
            if (overlap(block.drawn, image)) problems.push_back(quoted(block.text) + " lies over an image");
        }
    }
    for (const SDL_Rect& image : report.images) {
        if (!is_empty(image) && !inside(image, slide)) problems.push_back("an image at " + describe(image) + " leaves the slide");
    }
    for (const QrCodeReport& code : report.qr_codes) {
        if (code.pixels_per_module < qr_min_pixels_per_module) {
            problems.push_back("the QR code of " + quoted(code.text) + " has " + std::to_string(code.pixels_per_module) +
                               " px per module (at least " + std::to_string(qr_min_pixels_per_module) +
                               " for phones to read it)");
        }
    }
    return problems;
}

}  // namespace bangvang::render
