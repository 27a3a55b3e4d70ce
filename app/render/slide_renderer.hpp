#pragma once
// Draws one slide (an item page, or the waiting slide) onto the renderer's current
// target. The kiosk and the publisher's preview both draw through this class, so a
// preview is exactly what a screen shows.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <SDL.h>

#include "core/clock_time.hpp"
#include "core/model.hpp"
#include "render/theme.hpp"

namespace bangvang::render {

// What frames every slide: the header's place name and the date, the footer's source.
struct SlideFrame {
    std::string place_name;   // "Phường Nhân Chính"
    std::string kiosk_id;
    std::string source_name;  // "UBND quận Thanh Xuân"
    core::WallClock now;
};

// One block of text as laid out, for tests: every glyph must exist in the font and
// `drawn` must lie inside `box`.
struct TextBlockReport {
    std::string text;
    SDL_Rect box{};
    SDL_Rect drawn{};
    int missing_glyphs = 0;
};

struct SlideReport {
    std::vector<TextBlockReport> text_blocks;
    std::vector<SDL_Rect> images;
};

// Finds a media file in the cache by its sha256; nullopt when it is not there.
using MediaLocator = std::function<std::optional<std::filesystem::path>(const std::string& sha256)>;

class SlideRenderer {
public:
    SlideRenderer(SDL_Renderer* renderer, Theme theme, MediaLocator media, int width, int height);
    ~SlideRenderer();
    SlideRenderer(const SlideRenderer&) = delete;
    SlideRenderer& operator=(const SlideRenderer&) = delete;

    // Long items (honour rolls, long standings) span several pages at this size.
    int page_count(const core::Item& item);

    SlideReport draw(const core::Item& item, int page, const SlideFrame& frame);
    // "Đang cập nhật nội dung" with the kiosk id: shown when nothing can play.
    SlideReport draw_waiting(const SlideFrame& frame);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace bangvang::render
