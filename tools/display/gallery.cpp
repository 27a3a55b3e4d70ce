// bangvang-gallery: draws every page of every item of a feed folder at the four
// screen shapes the kiosks have (1920x1080, 1280x720, 1080x1920 portrait, 800x480
// Pi touchscreen) into OUT/<W>x<H>/, and lists every text block that is clipped,
// leaves its box, overlaps another or an image, or misses a glyph.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>

#include "core/manifest_parser.hpp"
#include "render/png_writer.hpp"
#include "render/sdl_handles.hpp"
#include "render/slide_renderer.hpp"
#include "render/status_overlay.hpp"
#include "render/theme.hpp"
#include "render/layout_check.hpp"

using namespace bangvang;

namespace {

struct Shape {
    int width;
    int height;
};
constexpr Shape shapes[] = {{1920, 1080}, {1280, 720}, {1080, 1920}, {800, 480}};

// The status overlay (F1 on a kiosk) as a technician would see it a few minutes after a
// sync of this feed, one source failing: fixed figures, so the pictures are comparable.
render::StatusOverlayData sample_status(const core::Manifest& manifest, core::UnixSeconds now) {
    render::StatusOverlayData data{.kiosk_id = "tx-nhan-chinh-01",
                                   .site = "phuong-nhan-chinh",
                                   .place_name = "UBND phường Nhân Chính",
                                   .program_version = "0.1.0",
                                   .now = now,
                                   .uptime_seconds = 2 * 86400 + 5 * 3600 + 17 * 60,
                                   .playable_items = manifest.items.size(),
                                   .database_bytes = 1'310'720,
                                   .media_bytes = 14'680'064,
                                   .media_files = manifest.media.size(),
                                   .texture_bytes = 21'495'808,
                                   .texture_budget_bytes = 36u << 20,
                                   .last_transition = render::TransitionTiming{.frames = 41,
                                                                               .mean_milliseconds = 16.9,
                                                                               .worst_milliseconds = 24.2},
                                   .resident_bytes = 79'691'776,
                                   .hides_after_seconds = 30};
    data.sources.push_back(render::StatusSourceLine{.id = manifest.source_id,
                                                    .name = manifest.source_name,
                                                    .remote = true,
                                                    .version = manifest.version,
                                                    .item_count = manifest.items.size(),
                                                    .expires_at = manifest.expires_at,
                                                    .last_success = now - 4 * 60,
                                                    .last_attempt = now - 4 * 60});
    data.sources.push_back(render::StatusSourceLine{
        .id = "truong-thcs-nhan-chinh",
        .name = "Trường THCS Nhân Chính",
        .remote = true,
        .version = 3,
        .item_count = 6,
        .expires_at = now - 2 * 86400,
        .last_success = now - 6 * 86400,
        .last_attempt = now - 3 * 60,
        .last_error = "https://thcs-nhanchinh.example/feed/manifest.json: HTTP 503; vẫn phát phiên bản 3",
        .consecutive_failures = 9});
    return data;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"bangvang-gallery: every slide of a feed at every screen shape, as PNGs"};
    std::filesystem::path feed;
    std::filesystem::path out = "build/gallery";
    std::filesystem::path theme_file;
    std::string now_text = "2024-10-01T09:00:00+07:00";
    app.add_option("--feed", feed, "feed folder (manifest.json and media/)")->required();
    app.add_option("--out", out, "output folder; PNGs go to OUT/<W>x<H>/");
    app.add_option("--theme", theme_file, "theme file (default: the built-in red-and-gold theme)");
    app.add_option("--now", now_text, "the instant shown in the header (RFC 3339)");
    CLI11_PARSE(app, argc, argv);

    try {
        auto manifest = core::parse_manifest(read_file(feed / "manifest.json"), (feed / "manifest.json").string());
        if (!manifest) throw std::runtime_error(manifest.problem().message());
        auto now = core::parse_rfc3339(now_text);
        if (!now) throw std::runtime_error("--now: " + now.problem().message());
        render::Theme theme = theme_file.empty() ? render::default_theme() : render::load_theme_file(theme_file);
        render::MediaLocator locate = [&feed](const std::string& sha256) -> std::optional<std::filesystem::path> {
            auto path = feed / "media" / sha256;
            if (std::filesystem::exists(path)) return path;
            return std::nullopt;
        };

        setenv("SDL_VIDEODRIVER", "dummy", 1);
        render::SdlSession session(render::SdlSessionOptions{.video_driver = "dummy", .software_framebuffer = true});
        int problems = 0;
        for (const Shape& shape : shapes) {
            render::WindowPtr window = render::create_window(
                render::WindowOptions{.width = shape.width, .height = shape.height, .hidden = true});
            render::RendererPtr renderer =
                render::create_renderer(window.get(), render::RendererOptions{.software = true, .vsync = false});
            render::TexturePtr target = render::create_target_texture(renderer.get(), shape.width, shape.height);
            SDL_SetRenderTarget(renderer.get(), target.get());
            render::SlideRenderer slides(renderer.get(), theme, locate, shape.width, shape.height);
            const render::SlideFrame frame{.place_name = "UBND phường Nhân Chính",
                                           .kiosk_id = "gallery",
                                           .source_name = manifest->source_name,
                                           .now = core::to_wall_clock(*now, core::vietnam_utc_offset_minutes)};
            const auto directory = out / (std::to_string(shape.width) + "x" + std::to_string(shape.height));
            std::filesystem::create_directories(directory);
            int number = 0;
            auto save = [&](const std::string& stem, const render::SlideReport& report) {
                char prefix[16];
                std::snprintf(prefix, sizeof prefix, "%02d-", ++number);
                auto file = directory / (prefix + stem + ".png");
                render::save_png(renderer.get(), file);
                std::printf("%s\n", file.c_str());
                for (const std::string& finding : render::check_layout(report, shape.width, shape.height)) {
                    std::fprintf(stderr, "%s: %s\n", file.c_str(), finding.c_str());
                    ++problems;
                }
            };
            for (const core::Item& item : manifest->items) {
                const int pages = slides.page_count(item);
                for (int page = 0; page < pages; ++page) {
                    auto report = slides.draw(item, page, frame);
                    save(item.id + (pages > 1 ? "-p" + std::to_string(page + 1) : ""), report);
                }
            }
            save("waiting", slides.draw_waiting(frame));
            if (!manifest->items.empty()) {
                // The first item under the ticker strip, as a kiosk with `ticker` in its config shows it.
                render::SlideRenderer with_ticker(renderer.get(), theme, locate, shape.width, shape.height,
                                                  render::RendererBudgets{}, render::GeometryOptions{.ticker = true});
                const render::SlideReport report = with_ticker.draw(manifest->items.front(), 0, frame);
                with_ticker.draw_ticker({"Lịch tiếp công dân: thứ Năm hằng tuần, 8 giờ – 11 giờ 30",
                                         "Hội nghị biểu dương người tốt, việc tốt năm 2024"},
                                        0);
                save("ticker", report);
                const render::TextBlockReport ticker = with_ticker.ticker_text();
                std::printf("figure: ticker cap height %dx%d: %d px (floor %.1f, %d px type)\n", shape.width,
                            shape.height, ticker.cap_height, ticker.cap_floor, ticker.font_size);
            }
            if (!manifest->items.empty()) {
                slides.draw(manifest->items.front(), 0, frame);
                render::StatusOverlayPainter overlay(renderer.get(), theme, shape.width, shape.height);
                save("status-overlay", overlay.draw(sample_status(*manifest, *now)));
            }
        }
        std::fprintf(stderr, "bangvang-gallery: %d layout problem(s)\n", problems);
        return problems == 0 ? 0 : 1;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bangvang-gallery: %s\n", error.what());
        return 1;
    }
}
