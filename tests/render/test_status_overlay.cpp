// The status overlay drawn headless over a slide at every screen shape, from a fixed
// set of figures: all glyphs present, nothing overlapping or leaving its box, colours
// readable. PNGs in BANGVANG_BINARY_DIR/render-test/status-*.png for a person to look at.
#include "render/colour_contrast.hpp"
#include "render/layout_check.hpp"
#include "render/status_overlay.hpp"
#include "render_test_support.hpp"
#include "support/build_paths.hpp"

using namespace bangvang;
using namespace bangvang::render;
using namespace bangvang::render::testing;

namespace {

// Monday 25/11/2024 08:05 in Hà Nội.
constexpr core::UnixSeconds monday_morning = 1732496700;

StatusOverlayData sample_status() {
    StatusOverlayData data;
    data.kiosk_id = "tx-nhan-chinh-01";
    data.site = "phuong-nhan-chinh";
    data.place_name = "UBND phường Nhân Chính";
    data.program_version = "0.1.0";
    data.now = monday_morning;
    data.uptime_seconds = 3 * 86400 + 4 * 3600 + 12 * 60;
    data.playable_items = 21;
    data.database_bytes = 1'258'291;
    data.media_bytes = 15'204'352;
    data.media_files = 17;
    data.texture_bytes = 22'649'651;
    data.texture_budget_bytes = 36u << 20;
    data.last_transition = TransitionTiming{.frames = 42, .mean_milliseconds = 6.64, .worst_milliseconds = 12.31};
    data.resident_bytes = 82'208'768;
    data.sources.push_back(StatusSourceLine{.id = "quan-thanh-xuan",
                                            .name = "UBND quận Thanh Xuân — Hội đồng Thi đua – Khen thưởng",
                                            .remote = true,
                                            .version = 7,
                                            .item_count = 20,
                                            .expires_at = monday_morning + 56 * 86400,
                                            .last_success = monday_morning - 185,
                                            .last_attempt = monday_morning - 185});
    data.sources.push_back(StatusSourceLine{
        .id = "truong-thcs-nhan-chinh",
        .name = "Trường THCS Nhân Chính",
        .remote = true,
        .version = 3,
        .item_count = 4,
        .held_back_items = 1,
        .expires_at = monday_morning - 2 * 86400,
        .last_success = monday_morning - 5 * 86400 - 3600,
        .last_attempt = monday_morning - 240,
        .last_error = "GET https://thcs-nhanchinh.edu.vn/feed/manifest.json: HTTP 500 (Internal Server Error) "
                      "sau 3 lần thử; vẫn phát phiên bản 3",
        .consecutive_failures = 12});
    data.sources.push_back(StatusSourceLine{.id = "phuong-nhan-chinh", .last_attempt = monday_morning - 20,
                                            .last_error = "manifest.json.sig: chữ ký không khớp khóa nào đã tin cậy",
                                            .consecutive_failures = 1});
    return data;
}

struct Shape {
    int width;
    int height;
};

}  // namespace

TEST_CASE("the status overlay is legible over a slide at every screen shape", "[render][status]") {
    const Shape shapes[] = {{1920, 1080}, {1280, 720}, {1080, 1920}, {800, 480}};
    for (const Shape& shape : shapes) {
        DYNAMIC_SECTION(shape.width << "x" << shape.height) {
            HeadlessScreen screen(shape.width, shape.height);
            SlideRenderer slides(screen.renderer(), default_theme(), locator_for({}), shape.width, shape.height);
            slides.draw(announcement_item(), 0, sample_frame());
            StatusOverlayPainter overlay(screen.renderer(), default_theme(), shape.width, shape.height);
            SlideReport report = overlay.draw(sample_status());
            save_png(screen.renderer(), render_output_dir() / ("status-" + std::to_string(shape.width) + "x" +
                                                              std::to_string(shape.height) + ".png"));
            const auto problems = check_layout(report, shape.width, shape.height);
            for (const auto& problem : problems) UNSCOPED_INFO(problem);
            CHECK(problems.empty());

            auto has_text = [&](const std::string& part) {
                return std::any_of(report.text_blocks.begin(), report.text_blocks.end(), [&](const TextBlockReport& block) {
                    return block.text.find(part) != std::string::npos && block.drawn.w > 0;
                });
            };
            CHECK(has_text("Mã kiosk"));
            CHECK(has_text("tx-nhan-chinh-01"));
            CHECK(has_text("bangvang 0.1.0"));
            CHECK(has_text("Phiên bản 7 · 20 mục"));
            CHECK(has_text("Đã hết hạn: 08:05 23/11/2024 (2 ngày trước)"));
            CHECK(has_text("HTTP 500"));
            CHECK(has_text("78,4 MB"));
            CHECK(has_text("42 khung · TB 6,6 ms · tối đa 12,3 ms"));
            // The panel covers the slide; the dimmed slide shows at the very edge.
            const Uint32 corner = screen.pixel(2, shape.height / 2);
            CHECK(((corner >> 16) & 0xFF) < 140);
        }
    }
}

TEST_CASE("more sources than fit are counted, not cut through", "[render][status]") {
    HeadlessScreen screen(800, 480);
    StatusOverlayPainter overlay(screen.renderer(), default_theme(), 800, 480);
    StatusOverlayData data = sample_status();
    for (int index = 0; index < 12; ++index) {
        data.sources.push_back(StatusSourceLine{.id = "truong-" + std::to_string(index), .name = "Trường số " +
                                                std::to_string(index), .version = 1, .item_count = 2});
    }
    SlideReport report = overlay.draw(data);
    save_png(screen.renderer(), render_output_dir() / "status-800x480-many-sources.png");
    CHECK(check_layout(report, 800, 480).empty());
    CHECK(std::any_of(report.text_blocks.begin(), report.text_blocks.end(),
                      [](const TextBlockReport& block) { return block.text.find("nguồn khác") != std::string::npos; }));
}

TEST_CASE("the overlay's text colours are readable on its card in every theme", "[render][status]") {
    for (const char* file : {"default.json", "high-contrast.json"}) {
        const Theme theme = load_theme_file(std::filesystem::path(bangvang::testing::paths::checkout) / "assets/themes" / file);
        const ThemeColours& colours = theme.colours;
        for (SDL_Color text : {colours.text, colours.text_muted, colours.title, colours.fall}) {
            INFO(file << " colour " << int(text.r) << "," << int(text.g) << "," << int(text.b));
            CHECK(contrast_ratio(text, colours.card) >= 4.5);
        }
    }
}

TEST_CASE("status figures read the Vietnamese way", "[render][status]") {
    CHECK(format_bytes(0) == "0 kB");
    CHECK(format_bytes(850 * 1024) == "850 kB");
    CHECK(format_bytes(12'897'485) == "12,3 MB");
    CHECK(format_bytes(std::uint64_t{3} << 30) == "3,0 GB");
    CHECK(format_duration(45) == "45 giây");
    CHECK(format_duration(12 * 60 + 5) == "12 phút");
    CHECK(format_duration(3 * 3600 + 5 * 60) == "3 giờ 05 phút");
    CHECK(format_duration(2 * 86400 + 4 * 3600 + 59) == "2 ngày 4 giờ");
    CHECK(format_duration(-5) == "0 giây");
    CHECK(format_status_time(monday_morning - 185, monday_morning, core::vietnam_utc_offset_minutes) ==
          "08:01 25/11/2024 (3 phút trước)");
    CHECK(format_status_time(monday_morning - 10, monday_morning, core::vietnam_utc_offset_minutes) ==
          "08:04 25/11/2024 (vừa xong)");
    CHECK(format_status_time(monday_morning + 2 * 86400, monday_morning, core::vietnam_utc_offset_minutes) ==
          "08:05 27/11/2024 (còn 2 ngày)");
}

TEST_CASE("stale content says so in the footer, legibly, at every screen shape", "[render][status]") {
    const Shape shapes[] = {{1920, 1080}, {1280, 720}, {1080, 1920}, {800, 480}};
    for (const Shape& shape : shapes) {
        DYNAMIC_SECTION(shape.width << "x" << shape.height) {
            HeadlessScreen screen(shape.width, shape.height);
            SlideRenderer slides(screen.renderer(), default_theme(), locator_for({}), shape.width, shape.height);
            SlideFrame frame = sample_frame();
            frame.notice = "Nội dung hết hạn từ 23/11/2024";
            SlideReport report = slides.draw(standings_item(), 0, frame);
            save_png(screen.renderer(), render_output_dir() / ("stale-footer-" + std::to_string(shape.width) + "x" +
                                                              std::to_string(shape.height) + ".png"));
            const auto problems = check_layout(report, shape.width, shape.height);
            for (const auto& problem : problems) UNSCOPED_INFO(problem);
            CHECK(problems.empty());
            const auto notice = std::find_if(report.text_blocks.begin(), report.text_blocks.end(),
                                             [&](const TextBlockReport& block) { return block.text == frame.notice; });
            REQUIRE(notice != report.text_blocks.end());
            CHECK(notice->drawn.w > 0);
            CHECK(notice->drawn.y > shape.height * 8 / 10);  // in the footer
            // The source's name gives way to the notice rather than running under it.
            const auto source = std::find_if(report.text_blocks.begin(), report.text_blocks.end(),
                                             [](const TextBlockReport& block) { return block.text.rfind("UBND quận", 0) == 0; });
            REQUIRE(source != report.text_blocks.end());
            CHECK(source->drawn.x + source->drawn.w < notice->drawn.x);
        }
    }
    for (const char* file : {"default.json", "high-contrast.json"}) {
        const Theme theme = load_theme_file(std::filesystem::path(bangvang::testing::paths::checkout) / "assets/themes" / file);
        INFO(file);
        CHECK(contrast_ratio(theme.colours.fall, theme.colours.background_shade) >= 4.5);
    }
}

TEST_CASE("the status overlay's cost per frame", "[.benchmark][status]") {
    HeadlessScreen screen(1920, 1080);
    StatusOverlayPainter overlay(screen.renderer(), default_theme(), 1920, 1080);
    const StatusOverlayData data = sample_status();
    const Uint64 cold = SDL_GetPerformanceCounter();
    overlay.draw(data);  // the first draw rasterises the text
    const double first_milliseconds =
        double(SDL_GetPerformanceCounter() - cold) * 1000.0 / double(SDL_GetPerformanceFrequency());
    const Uint64 start = SDL_GetPerformanceCounter();
    constexpr int frames = 30;
    for (int frame = 0; frame < frames; ++frame) overlay.draw(data);
    const double milliseconds =
        double(SDL_GetPerformanceCounter() - start) * 1000.0 / double(SDL_GetPerformanceFrequency()) / frames;
    std::printf("status overlay 1920x1080: first draw %.1f ms, then %.2f ms a frame, %zu texture bytes\n",
                first_milliseconds, milliseconds, overlay.texture_bytes());
}
