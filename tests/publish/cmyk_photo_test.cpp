// Issue #12, point 3: a print shop's CMYK or YCCK photo keeps its colours through
// `build` (re-encoded when it must be shrunk), through `preview` (drawn by the kiosk's
// renderer), and in the kiosk's decoder reading what was published. Before, build
// handed SDL_image's reading of the ink channels on as RGB: red (212,35,34) came out
// (41,42,254).
#include "publish_fixtures.hpp"
#include <catch2/catch.hpp>

#include <SDL_image.h>

#include "media/scaled_jpeg.hpp"
#include "publish/content_scaffold.hpp"
#include "publish/feed_builder.hpp"
#include "publish/slide_preview.hpp"
#include "render/sdl_handles.hpp"
#include "support/cmyk_jpeg.hpp"
#include "support/cmyk_pixels.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bangvang;
using namespace bangvang::publish_testing;
using testing::CmykJpeg;
using testing::Rgb;

using testing::check_halves;
using testing::pixels_near;

}  // namespace

TEST_CASE("CMYK and YCCK photos keep their colours through build, preview and the kiosk's decoder", "[publish]") {
    const std::pair<CmykJpeg, std::string> kinds[] = {
        {CmykJpeg::adobe_cmyk, "adobe-cmyk"}, {CmykJpeg::plain_cmyk, "plain-cmyk"}, {CmykJpeg::adobe_ycck, "adobe-ycck"}};
    // 2400 wide is shrunk to 1920 and re-encoded; 900 wide is published byte for byte.
    for (const int width : {2400, 900}) {
        for (const auto& [kind, name] : kinds) {
            INFO(name << " " << width << " wide");
            const fs::path directory = fresh_directory("cmyk-" + name + "-" + std::to_string(width));
            const fs::path content = directory / "noi-dung";
            publish::scaffold_content_folder(content);
            testing::write_cmyk_jpeg(content / "guong-dien-hinh" / "nguyen-thi-hoa.jpg", kind, width, width * 3 / 4);

            const auto built =
                publish::build_feed({.source_directory = content, .feed_directory = directory / "feed"}, fixed_now);
            REQUIRE(built.ok());
            const auto& story = std::get<core::Story>(built->manifest.items.at(0).content);
            REQUIRE(story.photo);
            const fs::path published = directory / "feed" / "media" / *story.photo;
            REQUIRE(fs::exists(published));

            // The kiosk's decoder, on what was published.
            auto kiosk = media::load_scaled_jpeg(published, 600);
            REQUIRE(kiosk);
            check_halves(**kiosk);
            if (width > 1920) {
                // Re-encoded as a plain RGB JPEG: any decoder reads the same colours.
                render::SurfacePtr plain(IMG_Load(published.c_str()));
                REQUIRE(plain);
                CHECK(plain->w == 1920);
                check_halves(*plain);
            }

            // The preview draws the story's slide through the kiosk's renderer.
            const auto slides = publish::render_preview(built->manifest,
                                                        publish::PreviewOptions{.feed_directory = directory / "feed",
                                                                                .output_directory = directory / "preview",
                                                                                .shapes = {{1920, 1080}},
                                                                                .site = std::nullopt,
                                                                                .tags = {},
                                                                                .place_name = "Xem trước",
                                                                                .now = fixed_now,
                                                                                .theme_file = {}});
            const auto slide = std::find_if(slides.begin(), slides.end(), [](const publish::PreviewSlide& drawn) {
                return drawn.item_id == "nguyen-thi-hoa" && drawn.page == 0;
            });
            REQUIRE(slide != slides.end());
            render::SurfacePtr drawn(IMG_Load(slide->file.c_str()));
            REQUIRE(drawn);
            CHECK(pixels_near(*drawn, testing::test_red) > 2000);
            CHECK(pixels_near(*drawn, testing::test_yellow) > 2000);
            CHECK(pixels_near(*drawn, Rgb{41, 42, 254}) == 0);  // the inverted red of before
        }
    }
}
