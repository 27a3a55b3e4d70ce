// Issue #12, point 4: legible from across the hall. Every slide of the sample (what
// ./run.sh gallery draws) at the four screen shapes and in every theme of assets/themes,
// measured from the sizes the layout chose and the font's own cap height ("H" as drawn):
// body text at least 1/40 of the shorter side, secondary lines (role, unit, movement,
// date, captions) at least 3/4 of that, names and titles at least 1.1 times the body
// beside them; one type size per table; a portrait slide without large empty bands.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

#include "publish/content_validation.hpp"
#include "publish/slide_preview.hpp"
#include "publish_fixtures.hpp"
#include "support/build_paths.hpp"

using namespace bangvang;
using namespace bangvang::publish;
using namespace bangvang::publish_testing;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> theme_files() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fs::path(bangvang::testing::paths::checkout) / "assets/themes")) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

bool has_letters(const std::string& text) { return text.find_first_not_of(" \n") != std::string::npos; }

const char* role_name(render::TextRole role) {
    switch (role) {
        case render::TextRole::body: return "body";
        case render::TextRole::secondary: return "secondary";
        case render::TextRole::title: return "title";
        case render::TextRole::other: return "other";
    }
    return "?";
}

struct SampleSlides {
    core::Manifest manifest;
    std::vector<PreviewSlide> slides;
};

SampleSlides sample_slides(const fs::path& theme, const std::string& name) {
    const fs::path root = fresh_directory("legibility-" + name);
    const auto checked = build_checked_feed(
        BuildOptions{.source_directory = sample_directory, .feed_directory = root / "feed", .version = 1}, fixed_now,
        ValidationOptions{.check_text_fits = false});
    REQUIRE(checked.built);
    SampleSlides sample{checked.built->manifest, {}};
    PreviewOptions options;
    options.feed_directory = root / "feed";
    options.shapes = kiosk_screen_shapes;
    options.now = fixed_now;
    options.theme_file = theme;
    sample.slides = render_preview(sample.manifest, options);
    return sample;
}

std::string kind_of(const SampleSlides& sample, const PreviewSlide& slide) {
    return std::string(core::to_string(sample.manifest.items[slide.item_index].kind));
}

// The tallest horizontal band of the slide with neither text ink nor a picture in it.
int largest_empty_band(const PreviewSlide& slide) {
    std::vector<std::pair<int, int>> spans;
    for (const auto& block : slide.text_blocks) {
        if (block.drawn.h > 0 && has_letters(block.text)) spans.emplace_back(block.drawn.y, block.drawn.y + block.drawn.h);
    }
    for (const SDL_Rect& image : slide.images) spans.emplace_back(image.y, image.y + image.h);
    std::sort(spans.begin(), spans.end());
    int largest = 0, reached = spans.empty() ? 0 : spans.front().first;
    for (const auto& [top, bottom] : spans) {
        largest = std::max(largest, top - reached);
        reached = std::max(reached, bottom);
    }
    return largest;
}

}  // namespace

TEST_CASE("every body, secondary and title line of every sample slide is legible at every shape and in every theme",
          "[publish][display][legibility]") {
    REQUIRE(theme_files().size() >= 2);
    for (const fs::path& theme : theme_files()) {
        const SampleSlides sample = sample_slides(theme, theme.stem().string());
        REQUIRE(sample.slides.size() >= 4 * 20);
        // The smallest cap height of each kind, role and shape: printed as the table.
        std::map<std::string, int> smallest;
        for (const PreviewSlide& slide : sample.slides) {
            const int shorter = std::min(slide.shape.width, slide.shape.height);
            const double body_floor = shorter / 40.0;
            int largest_body = 0;
            for (const auto& block : slide.text_blocks) {
                if (block.role == render::TextRole::body && has_letters(block.text)) {
                    largest_body = std::max(largest_body, block.cap_height);
                }
            }
            for (const auto& block : slide.text_blocks) {
                if (block.role == render::TextRole::other || !has_letters(block.text)) continue;
                INFO(theme.filename().string() << " " << slide.shape.name() << " " << slide.item_id << " page "
                                               << slide.page + 1 << " " << role_name(block.role) << " \""
                                               << block.text.substr(0, 60) << "\" at " << block.font_size << " px");
                CHECK(block.cap_height > 0);
                switch (block.role) {
                    case render::TextRole::body: CHECK(block.cap_height >= body_floor); break;
                    case render::TextRole::secondary: CHECK(block.cap_height >= body_floor * 3 / 4); break;
                    case render::TextRole::title:
                        CHECK(block.cap_height >= 1.1 * std::max<double>(body_floor, largest_body));
                        break;
                    case render::TextRole::other: break;
                }
                const std::string key = kind_of(sample, slide) + " " + role_name(block.role) + " " + slide.shape.name();
                auto& least = smallest.try_emplace(key, block.cap_height).first->second;
                least = std::min(least, block.cap_height);
            }
        }
        for (const auto& [key, cap] : smallest) {
            std::printf("figure: smallest cap height (%s) %s: %d px\n", theme.stem().c_str(), key.c_str(), cap);
        }
        for (const char* kind : {"story", "standings", "honor_roll", "announcement", "commemoration"}) {
            for (const ScreenShape& shape : kiosk_screen_shapes) {
                INFO(theme.filename().string() << " " << kind << " " << shape.name());
                CHECK(smallest.count(std::string(kind) + " body " + shape.name()) +
                          smallest.count(std::string(kind) + " title " + shape.name()) >= 1);
            }
        }
    }
}

TEST_CASE("the rows of one standings table and the cards of one honour roll use one type size", "[publish][display][legibility]") {
    const SampleSlides sample = sample_slides(theme_files().front(), "tables");
    // Every size of each role, for each table at each shape, over all its pages.
    std::map<std::string, std::map<int, int>> sizes;
    for (const PreviewSlide& slide : sample.slides) {
        const std::string kind = kind_of(sample, slide);
        if (kind != "standings" && kind != "honor_roll") continue;
        bool past_heading = false;
        for (const auto& block : slide.text_blocks) {
            // The list's own title and subtitle come first; the rows follow the gold rule.
            if (block.role == render::TextRole::body) past_heading = true;
            if (!past_heading || block.role == render::TextRole::other || !has_letters(block.text)) continue;
            ++sizes[slide.item_id + " " + slide.shape.name() + " " + role_name(block.role)][block.font_size];
        }
    }
    REQUIRE(sizes.size() >= 4 * 3);
    for (const auto& [table, counts] : sizes) {
        INFO(table);
        CHECK(counts.size() == 1);
    }
}

TEST_CASE("portrait slides use their height: no empty band taller than 12% of the screen", "[publish][display][legibility]") {
    const SampleSlides sample = sample_slides(theme_files().front(), "portrait");
    std::map<std::string, int> pages;  // by item and shape
    for (const PreviewSlide& slide : sample.slides) {
        int& count = pages[slide.item_id + " " + slide.shape.name()];
        count = std::max(count, slide.page + 1);
    }
    std::map<std::string, int> worst;
    for (const PreviewSlide& slide : sample.slides) {
        const int band = largest_empty_band(slide);
        // The last page of a text continued over pages holds what is left of it: its
        // tail may be short (the earlier pages are filled first, issue #12 point 1).
        const int count = pages[slide.item_id + " " + slide.shape.name()];
        if (count > 1 && slide.page == count - 1) continue;
        auto& most = worst.try_emplace(kind_of(sample, slide) + " " + slide.shape.name(), band).first->second;
        most = std::max(most, band);
        if (slide.shape != ScreenShape{1080, 1920}) continue;
        INFO(slide.item_id << " page " << slide.page + 1 << ": largest empty band " << band << " px");
        CHECK(band <= 1920 * 12 / 100);
    }
    for (const auto& [key, band] : worst) std::printf("figure: largest empty band %s: %d px\n", key.c_str(), band);
}
