// Issue #12, point 5: QR codes phones can read. Every code of every slide of the sample
// (what ./run.sh gallery draws) at the four screen shapes is decoded with zbar and
// compared with its link, at 4 px a module or more; validate and build refuse a link too
// long to stay readable, naming the file and line and the length allowed.
#include <catch2/catch.hpp>

#include <SDL_image.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "publish/content_validation.hpp"
#include "publish/link_length_check.hpp"
#include "publish/slide_preview.hpp"
#include "publish_fixtures.hpp"
#include "render/qr_code.hpp"
#include "render/sdl_handles.hpp"
#include "support/process.hpp"
#include "support/qr_decoder.hpp"
#include "support/build_paths.hpp"

using namespace bangvang;
using namespace bangvang::publish;
using namespace bangvang::publish_testing;
namespace fs = std::filesystem;

namespace {

// The codes zbar reads in a saved slide.
std::vector<std::string> decode_png(const fs::path& file) {
    render::SurfacePtr loaded(IMG_Load(file.c_str()));
    REQUIRE(loaded);
    render::SurfacePtr argb(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
    REQUIRE(argb);
    std::vector<std::uint32_t> pixels(static_cast<std::size_t>(argb->w) * static_cast<std::size_t>(argb->h));
    for (int y = 0; y < argb->h; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(static_cast<const Uint8*>(argb->pixels) + y * argb->pitch);
        std::copy(row, row + argb->w, pixels.begin() + static_cast<std::ptrdiff_t>(y) * argb->w);
    }
    return testing::decode_qr_codes(pixels, argb->w, argb->h);
}

bangvang::testing::ProcessResult run_publish(const std::string& arguments, const fs::path& scratch) {
    return bangvang::testing::run_process(
        bangvang::testing::shell_quote(bangvang::testing::paths::publish_program) + " " + arguments, scratch);
}

}  // namespace

TEST_CASE("the longest readable link is computed from each shape's QR square at 4 px a module", "[publish][qr]") {
    // A version-5 code (37 modules and the quiet zone: 45) at 4 px: 180 px, 106 bytes at level L.
    for (const ScreenShape& shape : kiosk_screen_shapes) {
        INFO(shape.name());
        CHECK(readable_link_bytes(shape) >= 106);
    }
    CHECK(readable_link_bytes(ScreenShape{800, 480}) == 106);
    CHECK(render::qr_capacity_bytes(180) == 106);
    CHECK(render::qr_capacity_bytes(179) == 78);  // 44 modules: version 4
    CHECK(render::qr_capacity_bytes(4 * (21 + 8)) == 17);  // version 1
    CHECK(render::qr_capacity_bytes(4 * (21 + 8) - 1) == 0);
}

TEST_CASE("every QR code of every sample slide at every shape decodes to its link", "[publish][display][qr]") {
    const fs::path root = fresh_directory("qr-gallery");
    const auto checked = build_checked_feed(
        BuildOptions{.source_directory = sample_directory, .feed_directory = root / "feed", .version = 1}, fixed_now,
        ValidationOptions{.check_text_fits = false});
    REQUIRE(checked.built);
    const auto slides = render_preview(checked.built->manifest,
                                       PreviewOptions{.feed_directory = root / "feed",
                                                      .output_directory = root / "png",
                                                      .shapes = kiosk_screen_shapes,
                                                      .now = fixed_now});
    std::map<std::string, int> codes, decoded, smallest_module;
    for (const PreviewSlide& slide : slides) {
        if (slide.qr_codes.empty()) continue;
        const std::string shape = slide.shape.name();
        const auto texts = decode_png(slide.file);
        for (const render::QrCodeReport& code : slide.qr_codes) {
            INFO(slide.file.string() << ": " << code.text);
            CHECK(code.pixels_per_module >= render::qr_min_pixels_per_module);
            ++codes[shape];
            const bool read = std::find(texts.begin(), texts.end(), code.text) != texts.end();
            CHECK(read);
            decoded[shape] += read ? 1 : 0;
            auto& smallest = smallest_module.try_emplace(shape, code.pixels_per_module).first->second;
            smallest = std::min(smallest, code.pixels_per_module);
        }
        CHECK(texts.size() == slide.qr_codes.size());  // nothing else on the slide reads as a code
    }
    for (const ScreenShape& shape : kiosk_screen_shapes) {
        const std::string name = shape.name();
        CHECK(codes[name] >= 10);  // ten stories, each with a link
        std::printf("figure: QR codes decoded at %s: %d/%d\n", name.c_str(), decoded[name], codes[name]);
        std::printf("figure: smallest QR module at %s: %d px\n", name.c_str(), smallest_module[name]);
    }
}

TEST_CASE("validate and build refuse a link too long to scan, saying how long it may be", "[publish][integration][qr]") {
    bangvang::testing::ScratchDirectory scratch("publish-long-link");
    const fs::path root = scratch.path();
    const fs::path folder = root / "noi-dung";
    const std::string content = bangvang::testing::shell_quote(folder.string());
    REQUIRE(run_publish("init " + content, root / "run-init").exit_code == 0);
    const std::string base = "https://thanhxuan.hanoi.gov.vn/guong-dien-hinh/";
    auto story_with_link = [&](std::size_t length) {
        std::ofstream(folder / "guong-dien-hinh" / "02-lien-ket.txt", std::ios::binary)
            << "Tên: Lê Thu Trang\nTiêu đề: Cô giáo biến giờ hình học thành giờ khám phá\nLiên kết: "
            << base + std::string(length - base.size(), 'a') << "\n\nMột đoạn.\n";
    };

    story_with_link(106);
    const auto fits = run_publish("validate --no-text-check " + content, root / "run-fits");
    INFO(fits.standard_output);
    CHECK(fits.exit_code == 0);

    story_with_link(107);
    const auto validated = run_publish("validate --no-text-check " + content, root / "run-validate");
    INFO(validated.standard_output);
    CHECK(validated.exit_code == 1);
    CHECK_THAT(validated.standard_output,
               Catch::Contains("guong-dien-hinh/02-lien-ket.txt, dòng 3: lỗi: “Liên kết” dài 107 ký tự") &&
                   Catch::Contains("không quét được ở màn hình 1920x1080, 1080x1920, 1280x720, 800x480;") && Catch::Contains("tối đa 106 ký tự") &&
                   Catch::Contains("liên kết rút gọn") && Catch::Contains("[link_too_long story.portal_url]"));

    const std::string feed = bangvang::testing::shell_quote((root / "feed").string());
    const auto built = run_publish("build --no-text-check " + content + " --out " + feed, root / "run-build");
    CHECK(built.exit_code == 1);
    CHECK_THAT(built.standard_output, Catch::Contains("tối đa 106 ký tự"));
    CHECK_FALSE(fs::exists(root / "feed" / "manifest.json"));
}
