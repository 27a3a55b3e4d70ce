// What the kiosk relies on: page counts, placeholders for missing media, the frame's
// texts, never a black screen, and redraws served from the caches.
#include <algorithm>
#include <fstream>

#include "render_test_support.hpp"

#include "render/slide_parts.hpp"
#include "render/standings_slide.hpp"

using namespace bangvang;
using namespace bangvang::render;
using namespace bangvang::render::testing;

namespace {

bool has_text(const SlideReport& report, const std::string& text) {
    return std::any_of(report.text_blocks.begin(), report.text_blocks.end(),
                       [&](const TextBlockReport& block) { return block.text == text; });
}

// Share of pixels that are (nearly) black: text and QR modules are, a blank screen would be all.
double black_share(const HeadlessScreen& screen) {
    std::vector<Uint32> pixels(static_cast<std::size_t>(screen.width() * screen.height()));
    SDL_RenderReadPixels(screen.renderer(), nullptr, SDL_PIXELFORMAT_ARGB8888, pixels.data(), screen.width() * 4);
    const auto black = std::count_if(pixels.begin(), pixels.end(), [](Uint32 pixel) {
        return ((pixel >> 16) & 0xFF) < 16 && ((pixel >> 8) & 0xFF) < 16 && (pixel & 0xFF) < 16;
    });
    return static_cast<double>(black) / static_cast<double>(pixels.size());
}

Uint32 rgb(Uint32 pixel) { return pixel & 0xFFFFFF; }

}  // namespace

TEST_CASE("long lists span pages", "[render][pages]") {
    HeadlessScreen landscape(1920, 1080);
    SlideRenderer renderer(landscape.renderer(), default_theme(), {}, 1920, 1080);
    // Entries a page follow the legibility floors (#12 point 4): each card holds the name
    // (a title, 1.1 times the body's cap height) over the achievement at the body's floor
    // (27 px cap height at 1080), no longer 20 px, so a page holds 9 cards (3 x 3), not 15:
    // fifteen names take two pages, thirty take four.
    const int pages_of_30 = renderer.page_count(honor_roll_item(30));
    CHECK(pages_of_30 == 4);
    CHECK(renderer.page_count(honor_roll_item(15)) == 2);
    CHECK(renderer.page_count(honor_roll_item(9)) == 1);
    CHECK(renderer.page_count(honor_roll_item(10)) == 2);
    CHECK(renderer.page_count(honor_roll_item(1)) == 1);
    CHECK(renderer.page_count(standings_item(11)) == 1);  // a cluster of eleven wards on one page
    CHECK(renderer.page_count(standings_item(25)) >= 3);
    // Three paragraphs beside a photo: the third goes on on a second page (test_long_bodies.cpp).
    CHECK(renderer.page_count(story_item()) == 2);
    CHECK(renderer.page_count(announcement_item()) == 1);

    // Thirty names over their pages, and a page past the end draws the last one.
    SlideReport first = renderer.draw(honor_roll_item(30), 0, sample_frame());
    SlideReport second = renderer.draw(honor_roll_item(30), 1, sample_frame());
    SlideReport beyond = renderer.draw(honor_roll_item(30), 7, sample_frame());
    CHECK(has_text(first, page_label(0, pages_of_30)));
    CHECK(has_text(second, page_label(1, pages_of_30)));
    CHECK(has_text(beyond, page_label(pages_of_30 - 1, pages_of_30)));
    check_report(first);
    check_report(second);
}

TEST_CASE("portrait screens page by their own grid", "[render][pages]") {
    HeadlessScreen portrait(1080, 1920);
    SlideRenderer renderer(portrait.renderer(), default_theme(), {}, 1080, 1920);
    CHECK(renderer.page_count(honor_roll_item(30)) >= 2);
    CHECK(renderer.page_count(standings_item(11)) == 1);
    SlideReport eleven = renderer.draw(standings_item(11), 0, sample_frame());
    check_report(eleven);
    save_png(portrait.renderer(), render_output_dir() / "portrait-standings-11.png");
}

TEST_CASE("a missing or broken photo draws a placeholder, never black", "[render][media]") {
    HeadlessScreen screen(1920, 1080);
    const auto broken = render_output_dir() / "media" / "truncated.jpg";
    std::filesystem::create_directories(broken.parent_path());
    std::ofstream(broken, std::ios::binary) << "\xFF\xD8\xFF\xE0 truncated";
    SlideRenderer renderer(screen.renderer(), default_theme(), locator_for({{broken_hash, broken}}), 1920, 1080);

    for (const std::string& hash : {missing_hash, broken_hash}) {
        SlideReport report = renderer.draw(story_item(hash), 0, sample_frame());
        check_report(report);
        REQUIRE(report.images.size() == 2);
        const SDL_Rect photo = report.images.front();
        CHECK(photo.w > 300);
        CHECK(photo.h > 300);
        const Uint32 corner = rgb(screen.pixel(photo.x + 4, photo.y + 4));
        const Theme theme = default_theme();
        const SDL_Color expected = theme.colours.placeholder;
        CHECK(((corner >> 16) & 0xFF) == Approx(expected.r).margin(12));
        CHECK(((corner >> 8) & 0xFF) == Approx(expected.g).margin(12));
        CHECK((corner & 0xFF) == Approx(expected.b).margin(12));
        CHECK(black_share(screen) < 0.03);
    }
    save_png(screen.renderer(), render_output_dir() / "landscape-story-missing-photo.png");
}

TEST_CASE("a real photo is drawn cropped to fill its frame", "[render][media]") {
    HeadlessScreen screen(1920, 1080);
    // A wide photo: cover-cropping keeps the centre, so the frame shows the face colour in the middle.
    const auto wide = write_sample_portrait(render_output_dir() / "media" / "wide.png", 1200, 500);
    SlideRenderer renderer(screen.renderer(), default_theme(), locator_for({{portrait_hash, wide}}), 1920, 1080);
    SlideReport report = renderer.draw(story_item(portrait_hash), 0, sample_frame());
    REQUIRE_FALSE(report.images.empty());
    const SDL_Rect photo = report.images.front();
    const Uint32 centre = rgb(screen.pixel(photo.x + photo.w / 2, photo.y + photo.h * 2 / 5));
    CHECK(((centre >> 16) & 0xFF) > 200);  // skin tone, not sky blue
    save_png(screen.renderer(), render_output_dir() / "landscape-story-wide-photo.png");
}

TEST_CASE("the frame shows the place, the Vietnamese date and time, and the source", "[render][frame]") {
    HeadlessScreen screen(1920, 1080);
    SlideRenderer renderer(screen.renderer(), default_theme(), {}, 1920, 1080);
    SlideReport report = renderer.draw(announcement_item(), 0, sample_frame());
    CHECK(has_text(report, "Phường Nhân Chính"));
    CHECK(has_text(report, "Thứ Hai, 25/11/2024"));
    CHECK(has_text(report, "08:05"));
    CHECK(has_text(report, "UBND quận Thanh Xuân — Hội đồng Thi đua – Khen thưởng"));
    CHECK(has_text(report, "Thông báo"));
    // The header band is deep red.
    const Uint32 header = rgb(screen.pixel(960, 20));
    CHECK(((header >> 16) & 0xFF) > 140);
    CHECK(((header >> 8) & 0xFF) < 40);
}

TEST_CASE("the waiting slide is calm and names the kiosk", "[render][frame]") {
    for (auto [width, height] : {std::pair{1920, 1080}, std::pair{1080, 1920}, std::pair{1280, 720}}) {
        HeadlessScreen screen(width, height);
        SlideRenderer renderer(screen.renderer(), default_theme(), {}, width, height);
        SlideReport report = renderer.draw_waiting(sample_frame());
        check_report(report);
        CHECK(has_text(report, "Đang cập nhật nội dung"));
        CHECK(has_text(report, "Mã kiosk: kiosk-nhan-chinh-01"));
        CHECK(black_share(screen) < 0.01);
    }
}

TEST_CASE("a commemoration counts down to its anniversary", "[render][slides]") {
    HeadlessScreen screen(1920, 1080);
    SlideRenderer renderer(screen.renderer(), default_theme(), {}, 1920, 1080);
    SlideReport before = renderer.draw(commemoration_item({2024, 12, 22}), 0, sample_frame());
    CHECK(has_text(before, "Còn 27 ngày"));
    CHECK(has_text(before, "Kỷ niệm 70 năm"));
    CHECK(has_text(before, "10/10/1954 – 22/12/2024"));
    SlideReport after = renderer.draw(commemoration_item({2024, 10, 10}), 0, sample_frame());
    CHECK(has_text(after, "70 năm"));
}

TEST_CASE("standings show scores with a decimal comma and every row's unit", "[render][slides]") {
    CHECK(score_label(95.5, 1) == "95,5");
    CHECK(score_label(100, 0) == "100");
    CHECK(score_label(92, 1) == "92,0");
    CHECK(score_label(87.75, 1) == "87,8");
    const auto rows_scoring = [](std::initializer_list<double> scores) {
        std::vector<core::StandingRow> rows;
        for (const double score : scores) rows.emplace_back().score = score;
        return rows;
    };
    CHECK(score_decimals(rows_scoring({100, 95})) == 0);
    CHECK(score_decimals(rows_scoring({100, 95.5})) == 1);
    CHECK(score_decimals(rows_scoring({90.04})) == 0);  // shown to one decimal: 90
    HeadlessScreen screen(1920, 1080);
    SlideRenderer renderer(screen.renderer(), default_theme(), {}, 1920, 1080);
    SlideReport report = renderer.draw(standings_item(10), 0, sample_frame());
    check_report(report);
    CHECK(has_text(report, "Phường Thanh Xuân Nam"));
    SlideReport eleven = renderer.draw(standings_item(11), 0, sample_frame());
    check_report(eleven);
    save_png(screen.renderer(), render_output_dir() / "landscape-standings-11.png");
    CHECK(has_text(report, "97,5"));
    CHECK(has_text(report, "91,0"));  // 97.5 - 2 × 3.25, beside 94,3 and 97,5
    CHECK_FALSE(has_text(report, "91"));
}

TEST_CASE("absurdly long text still stays inside its boxes", "[render][slides]") {
    core::Item item = story_item(missing_hash);
    auto& story = std::get<core::Story>(item.content);
    std::string long_name;
    for (int i = 0; i < 12; ++i) long_name += "Nguyễn Thị Hồng Nhung ";
    story.person_name = long_name;
    story.award = long_name;
    story.role = long_name;
    story.headline = long_name + long_name;
    std::string paragraph;
    for (int i = 0; i < 60; ++i) paragraph += "Người tốt, việc tốt ở phường Thượng Đình. ";
    story.body = {paragraph, paragraph, paragraph};
    story.movement = long_name;
    for (auto [width, height] : {std::pair{1920, 1080}, std::pair{1080, 1920}}) {
        HeadlessScreen screen(width, height);
        SlideRenderer renderer(screen.renderer(), default_theme(), {}, width, height);
        check_report(renderer.draw(item, 0, sample_frame()));
        save_png(screen.renderer(), render_output_dir() /
                                        (std::string(width > height ? "landscape" : "portrait") + "-story-overlong.png"));
    }
}

TEST_CASE("a story with only the required fields draws", "[render][slides]") {
    core::Story story;
    story.person_name = "Tập thể Tổ dân phố số 5";
    story.headline = "Gương sáng khu dân cư";
    story.body = {"Một đoạn ngắn."};
    HeadlessScreen screen(1920, 1080);
    SlideRenderer renderer(screen.renderer(), default_theme(), {}, 1920, 1080);
    SlideReport report = renderer.draw(make_item("story-minimal", core::ItemKind::story, story), 0, sample_frame());
    check_report(report);
    CHECK(report.images.size() == 1);  // the placeholder; no QR code without a URL
}

TEST_CASE("drawing the same slide again re-rasterises no text", "[render][cache]") {
    HeadlessScreen screen(1920, 1080);
    SlideRenderer renderer(screen.renderer(), default_theme(), {}, 1920, 1080);
    renderer.draw(story_item(missing_hash), 0, sample_frame());
    const TextCacheStatistics first = renderer.text_cache_statistics();
    renderer.draw(story_item(missing_hash), 0, sample_frame());
    const TextCacheStatistics second = renderer.text_cache_statistics();
    CHECK(second.misses == first.misses);
    CHECK(second.hits > first.hits);
}
