// Every kind of slide drawn headless at 1920x1080 and 1080x1920: all glyphs exist,
// every text block stays in its box, photos and placeholders are drawn. The PNGs
// land in BANGVANG_BINARY_DIR/render-test/ for a person to look at.
#include <fstream>

#include "render_test_support.hpp"

using namespace bangvang;
using namespace bangvang::render;
using namespace bangvang::render::testing;

namespace {

struct Orientation {
    const char* name;
    int width;
    int height;
};

constexpr Orientation orientations[] = {{"landscape", 1920, 1080}, {"portrait", 1080, 1920}};

std::filesystem::path media_dir() { return render_output_dir() / "media"; }

MediaLocator sample_media() {
    const auto portrait = media_dir() / "portrait.png";
    if (!std::filesystem::exists(portrait)) write_sample_portrait(portrait);
    const auto broken = media_dir() / "broken.jpg";
    std::ofstream(broken) << "not a JPEG at all";
    return locator_for({{portrait_hash, portrait}, {broken_hash, broken}});
}

SlideReport draw_and_save(HeadlessScreen& screen, SlideRenderer& renderer, const core::Item& item, int page,
                          const std::string& file) {
    SlideReport report = renderer.draw(item, page, sample_frame());
    save_png(screen.renderer(), render_output_dir() / file);
    return report;
}

}  // namespace

TEST_CASE("every slide kind draws legibly in landscape and portrait", "[render][slides]") {
    for (const Orientation& orientation : orientations) {
        DYNAMIC_SECTION(orientation.name) {
            HeadlessScreen screen(orientation.width, orientation.height);
            SlideRenderer renderer(screen.renderer(), default_theme(), sample_media(), screen.width(), screen.height());
            const std::string prefix = std::string(orientation.name) + "-";

            SlideReport story = draw_and_save(screen, renderer, story_item(), 0, prefix + "story.png");
            check_report(story);
            CHECK(story.images.size() == 2);  // the photo and the QR code

            SlideReport standings = draw_and_save(screen, renderer, standings_item(), 0, prefix + "standings.png");
            check_report(standings);

            SlideReport roll = draw_and_save(screen, renderer, honor_roll_item(30), 0, prefix + "honor-roll-1.png");
            check_report(roll);
            SlideReport roll_second = draw_and_save(screen, renderer, honor_roll_item(30), 1, prefix + "honor-roll-2.png");
            check_report(roll_second);

            check_report(draw_and_save(screen, renderer, announcement_item(), 0, prefix + "announcement.png"));
            check_report(draw_and_save(screen, renderer, announcement_item(portrait_hash), 0,
                                       prefix + "announcement-image.png"));
            check_report(draw_and_save(screen, renderer, commemoration_item(), 0, prefix + "commemoration.png"));
            check_report(draw_and_save(screen, renderer, commemoration_item({2024, 12, 22}, missing_hash), 0,
                                       prefix + "commemoration-countdown.png"));

            SlideReport waiting = renderer.draw_waiting(sample_frame());
            save_png(screen.renderer(), render_output_dir() / (prefix + "waiting.png"));
            check_report(waiting);
        }
    }
}
