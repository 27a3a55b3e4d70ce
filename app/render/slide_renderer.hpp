#pragma once
// Draws one slide (an item page, or the waiting slide) onto the renderer's current
// target. The kiosk and the publisher's preview both draw through this class, so a
// preview is exactly what a screen shows.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <SDL.h>

#include "core/clock_time.hpp"
#include "core/model.hpp"
#include "render/image_library.hpp"
#include "render/slide_geometry.hpp"
#include "render/slide_report.hpp"
#include "render/text_texture_cache.hpp"
#include "render/theme.hpp"

namespace bangvang::render {

// What frames every slide: the header's place name and the date, the footer's source.
struct SlideFrame {
    std::string place_name;   // "Phường Nhân Chính"
    std::string kiosk_id;
    std::string source_name;  // "UBND quận Thanh Xuân"
    core::WallClock now;
    // Said in the footer, in the theme's warning red, when what shows may be out of
    // date: "Nội dung hết hạn từ 23/11/2024". Empty for fresh content.
    std::string notice{};
};

// Byte budgets of the caches (textures live in GPU memory on a Pi: keep them modest).
struct RendererBudgets {
    // Photos are kept at screen size (6 MB for 1440x1080): a few recent ones are enough,
    // and on the software renderer every texture byte is resident memory (peak RSS ≤ 80 MB).
    std::size_t text_bytes = 6u << 20;
    std::size_t image_bytes = 8u << 20;
    std::size_t shape_bytes = 8u << 20;
};

class SlideRenderer {
public:
    // Opens the theme's fonts at once: throws RenderError if they cannot be opened.
    // Keep the SdlSession and the SDL_Renderer alive longer than this object.
    SlideRenderer(SDL_Renderer* renderer, Theme theme, MediaLocator media, int width, int height);
    SlideRenderer(SDL_Renderer* renderer, Theme theme, MediaLocator media, int width, int height,
                  const RendererBudgets& budgets);
    // `layout.ticker` reserves the ticker strip on every slide (the content area shrinks).
    SlideRenderer(SDL_Renderer* renderer, Theme theme, MediaLocator media, int width, int height,
                  const RendererBudgets& budgets, const GeometryOptions& layout);
    ~SlideRenderer();
    SlideRenderer(const SlideRenderer&) = delete;
    SlideRenderer& operator=(const SlideRenderer&) = delete;

    // Long items (honour rolls, long standings) span several pages at this size.
    int page_count(const core::Item& item);

    // `page` is clamped to [0, page_count). Throws RenderError when SDL fails; a
    // missing or broken image is not an error (a placeholder is drawn).
    SlideReport draw(const core::Item& item, int page, const SlideFrame& frame);
    // "Đang cập nhật nội dung" with the kiosk id: shown when nothing can play.
    SlideReport draw_waiting(const SlideFrame& frame);

    // Repaints only the header's clock of the slide last drawn on the current target
    // (the minute turned; the date did not). Returns the area repainted.
    SDL_Rect redraw_clock(const core::WallClock& now);

    // The ticker strip; empty unless made with `layout.ticker`.
    SDL_Rect ticker_area() const;
    // Pixels of one pass of the messages; 0 = nothing to scroll.
    int ticker_cycle_width(const std::vector<std::string>& messages);
    // Repaints the ticker strip on the current target, messages moved `scroll` pixels left.
    void draw_ticker(const std::vector<std::string>& messages, std::int64_t scroll);
    // The ticker's type size, cap height and floor (render/ticker_strip.hpp); empty without a strip.
    TextBlockReport ticker_text();

    int width() const;
    int height() const;
    TextCacheStatistics text_cache_statistics() const;
    // Bytes of decoded images held, for the status overlay and the benchmark.
    std::size_t image_cache_bytes() const;
    // Forget cached images, e.g. after the content changed and old media were deleted.
    void forget_images();
    // Looks again for the images that were missing or broken (the sync fetched them again).
    void forget_failed_images();
    // Forget every cached texture (text, images, shapes, QR codes): after
    // SDL_RENDER_DEVICE_RESET their contents are gone; they are made again on the next draw.
    void forget_textures();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The footer's name for a kind of item: "Gương điển hình tiên tiến", "Bảng vàng", …
std::string section_name(core::ItemKind kind);

}  // namespace bangvang::render
