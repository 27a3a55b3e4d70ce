// Renditions end to end (#15 point 1), real processes on 127.0.0.1: bangvang-publish
// builds the sample with renditions, signs it and pushes it to Debian's nginx; a kiosk
// at each of the four screen shapes syncs from that nginx and downloads exactly the
// files chosen for its shape (counted in nginx's access log), and its slides match
// `preview`'s at the same shape pixel for pixel.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "core/manifest_parser.hpp"
#include "core/rendition_choice.hpp"
#include "publish/slide_comparison.hpp"
#include "support/build_paths.hpp"
#include "support/nginx_server.hpp"
#include "support/process.hpp"

namespace {

namespace fs = std::filesystem;
using bangvang::testing::NginxServer;
using bangvang::testing::read_file;
using bangvang::testing::ScratchDirectory;
using bangvang::testing::write_file;

using namespace bangvang::testing::comparison;

// The media hashes fetched (status 200) in these lines of nginx's access log, with counts.
std::map<std::string, int> media_requests(const std::string& log_lines) {
    static const std::regex request(R"re("GET [^ "]*/media/([0-9a-f]{64}) HTTP/[0-9.]+" 200 )re");
    std::map<std::string, int> fetched;
    for (std::sregex_iterator match(log_lines.begin(), log_lines.end(), request), end; match != end; ++match) {
        ++fetched[(*match)[1].str()];
    }
    return fetched;
}

}  // namespace

TEST_CASE("renditions: a kiosk at each screen shape downloads only the file chosen for it and draws what preview drew",
          "[publish][sync][integration][nginx][renditions]") {
    if (!NginxServer::available()) {
        WARN("nginx is not installed (./run.sh installs it); skipped");
        return;
    }
    ScratchDirectory scratch("publish-renditions");
    const fs::path root = scratch.path();
    const std::string token = "staff-token-15";

    const auto built = build_signed_sample(root);
    INFO(built.standard_error);
    REQUIRE(built.exit_code == 0);
    const auto manifest = bangvang::core::parse_manifest(read_file(root / "feed" / "manifest.json"), "built feed");
    REQUIRE(manifest);
    std::size_t renditions = 0;
    for (const auto& media : manifest->media) {
        renditions += media.renditions.size();
        CHECK(media.boxes.size() == 4);  // every picture of the sample is drawn at every shape
        for (const auto& rendition : media.renditions) {
            CHECK(fs::file_size(root / "feed" / "media" / rendition.sha256) == static_cast<std::uintmax_t>(rendition.size_bytes));
        }
    }
    CHECK(renditions > 0);

    NginxServer nginx({.prefix = root / "nginx", .root = root / "www", .dav = true, .token = token});
    const std::string feed_url = nginx.url() + "bangvang/quan-thanh-xuan";
    const auto pushed = push_feed(root, feed_url, token);
    INFO(pushed.standard_error);
    REQUIRE(pushed.exit_code == 0);
    const fs::path access_log = root / "nginx" / "logs" / "access.log";

    std::size_t shapes_with_a_rendition = 0;
    for (const auto& [width, height] : {std::pair{1920, 1080}, {1080, 1920}, {1280, 720}, {800, 480}}) {
        const std::string shape = std::to_string(width) + "x" + std::to_string(height);
        {
            INFO("kiosk at " << shape);
            const fs::path folder = root / shape;
            write_file(folder / "kiosk.json", kiosk_config("kiosk-" + shape, width, height, feed_url, root));
            const std::size_t log_before = read_file(access_log).size();
            const auto kiosk = run_kiosk_once(folder);
            INFO(kiosk.standard_error);
            REQUIRE(kiosk.exit_code == 0);
            REQUIRE_THAT(kiosk.standard_error, Catch::Contains("sync quan-thanh-xuan: applied version"));

            // Counted at the server: each chosen file once, nothing else.
            const auto fetched = media_requests(read_file(access_log).substr(log_before));
            const auto chosen = bangvang::core::with_chosen_renditions(
                *manifest, bangvang::core::ScreenSize{.width = width, .height = height});
            std::map<std::string, int> expected;
            std::size_t chosen_renditions = 0;
            for (std::size_t index = 0; index < chosen.media.size(); ++index) {
                expected[chosen.media[index].sha256] = 1;
                if (chosen.media[index].sha256 != manifest->media[index].sha256) ++chosen_renditions;
            }
            CHECK(fetched == expected);
            if (chosen_renditions > 0) ++shapes_with_a_rendition;

            const auto preview = preview_sample(folder, shape);
            INFO(preview.standard_error);
            REQUIRE(preview.exit_code == 0);
            const auto kiosk_slides = bangvang::testing::slides_by_name(kiosk.standard_output);
            const auto preview_slides = bangvang::testing::slides_by_name(preview.standard_output);
            REQUIRE(kiosk_slides.contains("story-nguyen-thi-hoa-p1"));
            check_same_slides(kiosk_slides, preview_slides, "kiosk and preview at " + shape);
        }
    }
    // The sample's 800x1000 portraits and 1600x900 pictures are larger than the photo
    // boxes of the landscape shapes at least.
    CHECK(shapes_with_a_rendition >= 2);
}
