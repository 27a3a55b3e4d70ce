// Legibility from across a hall: contrast of every text colour of every theme
// against what it is drawn on, body text size, and every kind at every screen shape
// with all glyphs, every box inside the slide and nothing on top of anything else.
#include <filesystem>

#include "render_test_support.hpp"

#include "render/colour_contrast.hpp"
#include "render/layout_check.hpp"
#include "render/theme.hpp"
#include "support/build_paths.hpp"

using namespace bangvang;
using namespace bangvang::render;
using namespace bangvang::render::testing;

namespace {

std::vector<std::filesystem::path> theme_files() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(bangvang::testing::paths::checkout) / "assets/themes")) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("WCAG contrast is computed as the standard defines it", "[render][contrast]") {
    CHECK(contrast_ratio(SDL_Color{0, 0, 0, 255}, SDL_Color{255, 255, 255, 255}) == Approx(21.0));
    CHECK(contrast_ratio(SDL_Color{119, 119, 119, 255}, SDL_Color{255, 255, 255, 255}) == Approx(4.48).margin(0.01));
    CHECK(contrast_ratio(SDL_Color{10, 20, 30, 255}, SDL_Color{10, 20, 30, 255}) == Approx(1.0));
}

TEST_CASE("every text colour of every theme reads at 4.5:1 against its background", "[render][contrast]") {
    REQUIRE(theme_files().size() >= 2);
    for (const auto& file : theme_files()) {
        Theme theme = load_theme_file(file);
        for (const TextColourPairing& pairing : text_colour_pairings(theme.colours)) {
            INFO(file.filename().string() << ": " << pairing.text);
            CHECK(contrast_ratio(pairing.foreground, pairing.background) >= 4.5);
        }
    }
    for (const TextColourPairing& pairing : text_colour_pairings(default_theme().colours)) {
        INFO("built-in theme: " << pairing.text);
        CHECK(contrast_ratio(pairing.foreground, pairing.background) >= 4.5);
    }
}

TEST_CASE("body text never shrinks below 1/30 of the screen's shorter side", "[render][typography]") {
    for (const auto& file : theme_files()) {
        INFO(file.filename().string());
        Theme theme = load_theme_file(file);
        CHECK(theme.text.body_min * 1080 >= 1080.0 / 30 - 0.5);
        CHECK(theme.text.body >= theme.text.body_min);
    }
    CHECK(default_theme().text.body_min * 1080 >= 1080.0 / 30 - 0.5);
}

TEST_CASE("every kind is clean at every screen shape and in every theme", "[render][shapes]") {
    const std::pair<int, int> shapes[] = {{1920, 1080}, {1280, 720}, {1080, 1920}, {800, 480}};
    const auto portrait = write_sample_portrait(render_output_dir() / "media" / "shapes-portrait.png");
    for (const auto& file : theme_files()) {
        for (auto [width, height] : shapes) {
            HeadlessScreen screen(width, height);
            SlideRenderer renderer(screen.renderer(), load_theme_file(file), locator_for({{portrait_hash, portrait}}),
                                   width, height);
            const core::Item items[] = {story_item(),          story_item(std::nullopt), standings_item(11),
                                        standings_item(25),    honor_roll_item(30),      announcement_item(portrait_hash),
                                        announcement_item(),   commemoration_item(),     commemoration_item({2024, 12, 22})};
            for (const core::Item& item : items) {
                for (int page = 0; page < renderer.page_count(item); ++page) {
                    INFO(file.filename().string() << " " << width << "x" << height << " " << item.id << " page " << page);
                    SlideReport report = renderer.draw(item, page, sample_frame());
                    CHECK(check_layout(report, width, height) == std::vector<std::string>{});
                    CHECK(report.text_blocks.size() >= 4);
                }
            }
            SlideReport waiting = renderer.draw_waiting(sample_frame());
            CHECK(check_layout(waiting, width, height) == std::vector<std::string>{});
        }
    }
}
