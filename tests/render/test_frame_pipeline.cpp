// The player's frame pipeline, piece by piece: the clock repainted alone equals a
// whole slide, the ticker strip scrolls, frames turn for rotated screens.
#include <algorithm>
#include <cstdio>
#include <vector>

#include "render_test_support.hpp"
#include "support/renderer_pixels.hpp"

#include "render/frame_rotation.hpp"
#include "render/layout_check.hpp"

using namespace bangvang;
using bangvang::testing::channel_difference;
using bangvang::testing::read_pixels;
using namespace bangvang::render;
using namespace bangvang::render::testing;

namespace {

bool inside(const SDL_Rect& rect, int x, int y) {
    return x >= rect.x && x < rect.x + rect.w && y >= rect.y && y < rect.y + rect.h;
}

SlideFrame frame_at(int hour, int minute) {
    SlideFrame frame = sample_frame();
    frame.now.hour = hour;
    frame.now.minute = minute;
    return frame;
}

}  // namespace

TEST_CASE("repainting only the clock gives the pixels of the whole slide drawn at that minute", "[render][frame]") {
    for (auto [width, height] : {std::pair{1920, 1080}, std::pair{1080, 1920}, std::pair{800, 480}}) {
        INFO(width << "x" << height);
        HeadlessScreen screen(width, height);
        SlideRenderer renderer(screen.renderer(), default_theme(), {}, width, height);
        TexturePtr whole = create_target_texture(screen.renderer(), width, height);

        renderer.draw(announcement_item(), 0, frame_at(8, 59));
        const SDL_Rect area = renderer.redraw_clock(frame_at(9, 0).now);
        const std::vector<Uint32> repainted = read_pixels(screen.renderer(), width, height);
        SDL_SetRenderTarget(screen.renderer(), whole.get());
        renderer.draw(announcement_item(), 0, frame_at(9, 0));
        const std::vector<Uint32> drawn = read_pixels(screen.renderer(), width, height);

        // A small box in the header, and exactly what a whole redraw gives.
        CHECK(area.w * area.h * 50 < width * height);
        CHECK(area.y + area.h <= height / 8);
        int worst = 0, changed_outside = 0;
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x) {
                const auto index = static_cast<std::size_t>(y * width + x);
                const int difference = channel_difference(repainted[index], drawn[index]);
                worst = std::max(worst, difference);
                if (difference > 0 && !inside(area, x, y)) ++changed_outside;
            }
        }
        CHECK(worst <= 2);
        CHECK(changed_outside == 0);
        if (width == 1920) save_png(screen.renderer(), render_output_dir() / "clock-repainted-0900.png");
    }
}

TEST_CASE("the ticker strip scrolls its lines right to left and repeats them", "[render][ticker]") {
    HeadlessScreen screen(1920, 1080);
    SlideRenderer plain(screen.renderer(), default_theme(), {}, 1920, 1080);
    CHECK(plain.ticker_area().w == 0);
    CHECK(plain.ticker_cycle_width({"Lịch tiếp công dân"}) == 0);

    SlideRenderer renderer(screen.renderer(), default_theme(), {}, 1920, 1080, RendererBudgets{},
                           GeometryOptions{.ticker = true});
    const SDL_Rect strip = renderer.ticker_area();
    REQUIRE(strip.w == 1920);
    CHECK(strip.h >= 1080 / 20);
    CHECK(strip.y + strip.h <= 1080 - 1080 / 25);  // over the footer, which stays
    const std::vector<std::string> lines{"Lịch tiếp công dân: thứ Năm hằng tuần, 8 giờ – 11 giờ 30",
                                         "Hội nghị biểu dương người tốt, việc tốt năm 2024"};
    CHECK(renderer.ticker_cycle_width({}) == 0);
    CHECK(renderer.ticker_cycle_width({"Ngắn"}) == 1920);  // a short line crosses alone
    const int cycle = renderer.ticker_cycle_width(lines);
    CHECK(cycle >= 1920);

    // The content area makes room for the strip.
    SlideReport report = renderer.draw(announcement_item(), 0, sample_frame());
    for (const TextBlockReport& block : report.text_blocks) {
        if (block.drawn.y > 1080 / 2 && block.drawn.y < strip.y + strip.h) CHECK(block.drawn.y + block.drawn.h <= strip.y);
    }
    const std::vector<Uint32> slide = read_pixels(screen.renderer(), 1920, 1080);

    renderer.draw_ticker(lines, 0);
    save_png(screen.renderer(), render_output_dir() / "ticker-scroll-0.png");
    const std::vector<Uint32> at_start = read_pixels(screen.renderer(), 1920, 1080);
    renderer.draw_ticker(lines, 300);
    const std::vector<Uint32> moved = read_pixels(screen.renderer(), 1920, 1080);
    renderer.draw_ticker(lines, 300 + cycle);
    const std::vector<Uint32> next_pass = read_pixels(screen.renderer(), 1920, 1080);

    int outside_changed = 0, strip_changed = 0, shifted_mismatch = 0;
    for (int y = 0; y < 1080; ++y) {
        for (int x = 0; x < 1920; ++x) {
            const auto index = static_cast<std::size_t>(y * 1920 + x);
            if (!inside(strip, x, y)) {
                outside_changed += slide[index] != moved[index];
                continue;
            }
            strip_changed += at_start[index] != moved[index];
            // 300 pixels of scrolling moved everything 300 pixels to the left.
            if (x + 300 < 1920 && channel_difference(at_start[index + 300], moved[index]) > 2) ++shifted_mismatch;
        }
    }
    CHECK(outside_changed == 0);
    CHECK(strip_changed > 1000);
    CHECK(shifted_mismatch == 0);
    CHECK(moved == next_pass);  // one whole pass later it looks the same
}

TEST_CASE("points map between a slide and its turned output both ways", "[render][rotation]") {
    for (int rotation : {0, 90, 180, 270}) {
        INFO(rotation);
        const FrameShape shape{.width = 1080, .height = 1920, .rotation = rotation};
        CHECK(shape.output_width() == (rotation % 180 == 0 ? 1080 : 1920));
        for (SDL_Point point : {SDL_Point{0, 0}, SDL_Point{1079, 0}, SDL_Point{17, 1900}, SDL_Point{540, 960}}) {
            const SDL_Point out = output_point_from_slide(shape, point);
            CHECK(out.x >= 0);
            CHECK(out.x < shape.output_width());
            CHECK(out.y >= 0);
            CHECK(out.y < shape.output_height());
            const SDL_Point back = slide_point_from_output(shape, out);
            CHECK(back.x == point.x);
            CHECK(back.y == point.y);
        }
    }
    // Turned a quarter clockwise, the slide's top-left corner is the output's top-right.
    const SDL_Point corner = output_point_from_slide(FrameShape{.width = 1080, .height = 1920, .rotation = 90}, {0, 0});
    CHECK(corner.x == 1919);
    CHECK(corner.y == 0);
}

TEST_CASE("a turned frame on the output is the slide turned, pixel for pixel", "[render][rotation]") {
    for (int rotation : {90, 180, 270}) {
        INFO(rotation);
        const FrameShape shape{.width = 360, .height = 640, .rotation = rotation};
        HeadlessScreen screen(shape.output_width(), shape.output_height());
        SlideRenderer renderer(screen.renderer(), default_theme(), {}, shape.width, shape.height);
        TexturePtr slide = create_target_texture(screen.renderer(), shape.width, shape.height);
        SDL_SetRenderTarget(screen.renderer(), slide.get());
        renderer.draw(announcement_item(), 0, sample_frame());
        const std::vector<Uint32> slide_pixels = read_pixels(screen.renderer(), shape.width, shape.height);

        SDL_SetRenderTarget(screen.renderer(), nullptr);
        copy_turned(screen.renderer(), slide.get(), shape);
        const std::vector<Uint32> output = read_pixels(screen.renderer(), shape.output_width(), shape.output_height());
        int mismatches = 0;
        for (int y = 0; y < shape.height; ++y) {
            for (int x = 0; x < shape.width; ++x) {
                const SDL_Point out = output_point_from_slide(shape, SDL_Point{x, y});
                const Uint32 expected = slide_pixels[static_cast<std::size_t>(y * shape.width + x)];
                const Uint32 got = output[static_cast<std::size_t>(out.y * shape.output_width() + out.x)];
                mismatches += channel_difference(expected, got) > 2;
            }
        }
        CHECK(mismatches == 0);
    }
}

TEST_CASE("with the ticker strip every kind is still clean at every screen shape", "[render][ticker]") {
    const auto portrait = write_sample_portrait(render_output_dir() / "media" / "ticker-portrait.png");
    for (auto [width, height] : {std::pair{1920, 1080}, std::pair{1280, 720}, std::pair{1080, 1920}, std::pair{800, 480}}) {
        HeadlessScreen screen(width, height);
        SlideRenderer renderer(screen.renderer(), default_theme(), locator_for({{portrait_hash, portrait}}), width,
                               height, RendererBudgets{}, GeometryOptions{.ticker = true});
        // The ticker is drawn outside the fitter: its messages still reach the body's floor (#12 point 4).
        const TextBlockReport ticker = renderer.ticker_text();
        INFO(width << "x" << height << " ticker at " << ticker.font_size << " px");
        CHECK(ticker.cap_floor == Approx(std::min(width, height) / 40.0));
        CHECK(ticker.cap_height >= ticker.cap_floor);
        CHECK(ticker.font_size * 10 <= renderer.ticker_area().h * 7);  // it stays inside its strip
        std::printf("figure: ticker cap height %dx%d: %d px (floor %.1f)\n", width, height, ticker.cap_height,
                    ticker.cap_floor);
        const core::Item items[] = {story_item(), standings_item(11), honor_roll_item(30), announcement_item(portrait_hash),
                                    commemoration_item()};
        for (const core::Item& item : items) {
            for (int page = 0; page < renderer.page_count(item); ++page) {
                INFO(width << "x" << height << " " << item.id << " page " << page);
                SlideReport report = renderer.draw(item, page, sample_frame());
                renderer.draw_ticker({"Lịch tiếp công dân: thứ Năm hằng tuần, 8 giờ – 11 giờ 30"}, 0);
                CHECK(check_layout(report, width, height) == std::vector<std::string>{});
                for (const TextBlockReport& block : report.text_blocks) {
                    // Nothing of the slide's content reaches into the strip.
                    if (block.box.y < renderer.ticker_area().y) {
                        CHECK(block.drawn.y + block.drawn.h <= renderer.ticker_area().y);
                    }
                }
            }
        }
        save_png(screen.renderer(), render_output_dir() / ("ticker-" + std::to_string(width) + "x" + std::to_string(height) + ".png"));
    }
}
