#include "render/slide_renderer.hpp"

#include <algorithm>
#include <type_traits>

#include "render/announcement_slide.hpp"
#include "render/commemoration_slide.hpp"
#include "render/font_cache.hpp"
#include "render/honor_roll_slide.hpp"
#include "render/shape_painter.hpp"
#include "render/slide_canvas.hpp"
#include "render/slide_chrome.hpp"
#include "render/slide_geometry.hpp"
#include "render/standings_slide.hpp"
#include "render/story_slide.hpp"
#include "render/text_painter.hpp"
#include "render/ticker_strip.hpp"
#include "render/waiting_slide.hpp"

namespace bangvang::render {

std::string section_name(core::ItemKind kind) {
    switch (kind) {
        case core::ItemKind::story: return "Gương điển hình tiên tiến";
        case core::ItemKind::standings: return "Kết quả thi đua";
        case core::ItemKind::honor_roll: return "Bảng vàng";
        case core::ItemKind::announcement: return "Thông báo";
        case core::ItemKind::commemoration: return "Kỷ niệm";
    }
    return {};
}

struct SlideRenderer::Impl {
    Impl(SDL_Renderer* renderer_in, Theme theme_in, MediaLocator media, int width, int height,
         const RendererBudgets& budgets, const GeometryOptions& layout)
        : renderer(renderer_in),
          theme(shaped_theme(std::move(theme_in), width, height)),
          geometry(make_slide_geometry(theme, width, height, layout)),
          fonts(theme.fonts.regular, theme.fonts.bold),
          text_textures(renderer, fonts, budgets.text_bytes),
          text_painter(renderer, fonts, text_textures),
          shapes(renderer, budgets.shape_bytes),
          images(renderer, std::move(media), budgets.image_bytes, std::min(width, height)),
          qr_codes(renderer) {
        // Fail at start-up, not on the first slide, when a theme names a font that is not there.
        fonts.get(FontWeight::regular, geometry.px(theme.text.body));
        fonts.get(FontWeight::bold, geometry.px(theme.text.body));
        text_painter.set_floors(cap_height_floors(
            geometry.unit, text_painter.cap_height(FontWeight::regular, geometry.px(theme.text.body))));
    }

    SlideCanvas canvas(SlideReport& report) {
        return SlideCanvas{renderer, theme, geometry, text_painter, shapes, images, qr_codes, report};
    }

    SDL_Renderer* renderer;
    Theme theme;
    SlideGeometry geometry;
    FontCache fonts;
    TextTextureCache text_textures;
    TextPainter text_painter;
    ShapePainter shapes;
    ImageLibrary images;
    QrTextureCache qr_codes;
};

SlideRenderer::SlideRenderer(SDL_Renderer* renderer, Theme theme, MediaLocator media, int width, int height)
    : SlideRenderer(renderer, std::move(theme), std::move(media), width, height, RendererBudgets{}) {}

SlideRenderer::SlideRenderer(SDL_Renderer* renderer, Theme theme, MediaLocator media, int width, int height,
                             const RendererBudgets& budgets)
    : SlideRenderer(renderer, std::move(theme), std::move(media), width, height, budgets, GeometryOptions{}) {}

SlideRenderer::SlideRenderer(SDL_Renderer* renderer, Theme theme, MediaLocator media, int width, int height,
                             const RendererBudgets& budgets, const GeometryOptions& layout)
    : impl_(std::make_unique<Impl>(renderer, std::move(theme), std::move(media), width, height, budgets, layout)) {}

SlideRenderer::~SlideRenderer() = default;

SDL_Rect SlideRenderer::redraw_clock(const core::WallClock& now) {
    SlideReport report;
    SlideCanvas canvas = impl_->canvas(report);
    return render::redraw_clock(canvas, now);
}

SDL_Rect SlideRenderer::ticker_area() const { return impl_->geometry.ticker; }

int SlideRenderer::ticker_cycle_width(const std::vector<std::string>& messages) {
    SlideReport report;
    SlideCanvas canvas = impl_->canvas(report);
    return render::ticker_cycle_width(canvas, messages);
}

void SlideRenderer::draw_ticker(const std::vector<std::string>& messages, std::int64_t scroll) {
    SlideReport report;
    SlideCanvas canvas = impl_->canvas(report);
    draw_ticker_strip(canvas, messages, scroll);
}

TextBlockReport SlideRenderer::ticker_text() {
    SlideReport report;
    SlideCanvas canvas = impl_->canvas(report);
    return ticker_text_report(canvas);
}

int SlideRenderer::width() const { return impl_->geometry.width; }
int SlideRenderer::height() const { return impl_->geometry.height; }
TextCacheStatistics SlideRenderer::text_cache_statistics() const { return impl_->text_textures.statistics(); }
std::size_t SlideRenderer::image_cache_bytes() const { return impl_->images.bytes(); }
void SlideRenderer::forget_images() { impl_->images.clear(); }
void SlideRenderer::forget_failed_images() { impl_->images.forget_failures(); }
void SlideRenderer::forget_textures() {
    impl_->text_textures.clear();
    impl_->images.clear();
    impl_->shapes.clear();
    impl_->qr_codes.clear();
}

int SlideRenderer::page_count(const core::Item& item) {
    SlideReport scratch;
    SlideCanvas canvas = impl_->canvas(scratch);
    if (const auto* standings = std::get_if<core::Standings>(&item.content)) {
        return standings_page_count(canvas, *standings);
    }
    if (const auto* roll = std::get_if<core::HonorRoll>(&item.content)) return honor_roll_page_count(canvas, *roll);
    if (const auto* story = std::get_if<core::Story>(&item.content)) return story_page_count(canvas, *story);
    if (const auto* announcement = std::get_if<core::Announcement>(&item.content)) {
        return announcement_page_count(canvas, *announcement);
    }
    if (const auto* commemoration = std::get_if<core::Commemoration>(&item.content)) {
        // Its pages do not depend on the day (commemoration_slide.cpp): any date will do.
        return commemoration_page_count(canvas, *commemoration, commemoration->anniversary);
    }
    return 1;
}

SlideReport SlideRenderer::draw(const core::Item& item, int page, const SlideFrame& frame) {
    SlideReport report;
    SlideCanvas canvas = impl_->canvas(report);
    page = std::clamp(page, 0, page_count(item) - 1);
    draw_slide_chrome(canvas,
                      ChromeText{frame.place_name, frame.source_name, section_name(item.kind), frame.now, frame.notice});
    std::visit(
        [&](const auto& content) {
            using Content = std::decay_t<decltype(content)>;
            if constexpr (std::is_same_v<Content, core::Story>) {
                draw_story_slide(canvas, content, page);
            } else if constexpr (std::is_same_v<Content, core::Standings>) {
                draw_standings_slide(canvas, content, page);
            } else if constexpr (std::is_same_v<Content, core::HonorRoll>) {
                draw_honor_roll_slide(canvas, content, page);
            } else if constexpr (std::is_same_v<Content, core::Announcement>) {
                draw_announcement_slide(canvas, content, page);
            } else {
                draw_commemoration_slide(canvas, content, frame.now.date, page);
            }
        },
        item.content);
    return report;
}

SlideReport SlideRenderer::draw_waiting(const SlideFrame& frame) {
    SlideReport report;
    SlideCanvas canvas = impl_->canvas(report);
    draw_slide_chrome(canvas, ChromeText{frame.place_name, frame.source_name, {}, frame.now});
    draw_waiting_slide(canvas, frame.kiosk_id);
    return report;
}

}  // namespace bangvang::render
