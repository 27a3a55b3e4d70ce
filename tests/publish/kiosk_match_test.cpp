// End to end with real processes on 127.0.0.1: bangvang-publish builds the sample and
// pushes it with PUT to Debian's nginx (dav module), the real kiosk syncs from that
// nginx and draws headless, and its PNGs are compared with `preview`'s PNGs of the same
// slides at the same screen shape, place, site and moment.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "publish/slide_comparison.hpp"
#include "support/nginx_server.hpp"
#include "support/process.hpp"
#include "support/build_paths.hpp"

namespace {

namespace fs = std::filesystem;
using bangvang::testing::NginxServer;
using bangvang::testing::ScratchDirectory;
using bangvang::testing::write_file;
using bangvang::testing::compare_pngs;
using bangvang::testing::slides_by_name;

using namespace bangvang::testing::comparison;
constexpr int screen_width = 1280;
constexpr int screen_height = 720;
const std::string shape = std::to_string(screen_width) + "x" + std::to_string(screen_height);

}  // namespace

TEST_CASE("the kiosk shows, pixel for pixel, what preview showed: sample pushed to nginx, synced by the kiosk",
          "[publish][integration][nginx]") {
    if (!NginxServer::available()) {
        WARN("nginx is not installed (./run.sh installs it); skipped");
        return;
    }
    ScratchDirectory scratch("publish-kiosk-match");
    const fs::path root = scratch.path();
    const std::string token = "staff-token-7";

    // Staff: a key, the sample built and signed, pushed with PUT.
    const auto built = build_signed_sample(root);
    INFO(built.standard_error);
    REQUIRE(built.exit_code == 0);
    NginxServer nginx({.prefix = root / "nginx", .root = root / "www", .dav = true, .token = token});
    const std::string feed_url = nginx.url() + "bangvang/quan-thanh-xuan";
    const auto pushed = push_feed(root, feed_url, token);
    INFO(pushed.standard_error);
    REQUIRE(pushed.exit_code == 0);
    CHECK_THAT(pushed.standard_output, Catch::Contains("đã đưa phiên bản"));

    // A kiosk of phường Nhân Chính, 1280x720, trusting that key, syncing from nginx.
    write_file(root / "kiosk.json", kiosk_config("kiosk-nhan-chinh-1", screen_width, screen_height, feed_url, root));
    const auto kiosk = run_kiosk_once(root);
    INFO(kiosk.standard_error);
    REQUIRE(kiosk.exit_code == 0);
    REQUIRE_THAT(kiosk.standard_error, Catch::Contains("sync quan-thanh-xuan: applied version"));
    const auto kiosk_slides = slides_by_name(kiosk.standard_output);

    // Staff again: the preview of the same folder, shape, site, place and moment.
    const auto preview = preview_sample(root, shape);
    INFO(preview.standard_error);
    REQUIRE(preview.exit_code == 0);
    const auto preview_slides = slides_by_name(preview.standard_output);

    // The same renderer, fonts, theme, photo bytes and moment: the same slides, the same pixels.
    REQUIRE(kiosk_slides.contains("story-nguyen-thi-hoa-p1"));  // a story with a photo
    REQUIRE(kiosk_slides.contains("standings-cum-1-cac-phuong"));
    REQUIRE(kiosk_slides.contains("honor-roll-thcs-phan-dinh-giot-p2"));  // audience: this site
    check_same_slides(kiosk_slides, preview_slides, "kiosk and preview at " + shape);

    // The comparison can fail: a preview one minute later differs in the header's clock.
    const auto later = preview_sample(root, shape, "later", "2024-11-20T09:31:00+07:00");
    REQUIRE(later.exit_code == 0);
    const auto later_slides = slides_by_name(later.standard_output);
    REQUIRE(later_slides.contains("story-nguyen-thi-hoa-p1"));
    CHECK(compare_pngs(kiosk_slides.at("story-nguyen-thi-hoa-p1"), later_slides.at("story-nguyen-thi-hoa-p1")).largest > 2);
}
