// The QR code of a portal URL: level L, a white quiet zone, whole pixels per module,
// and zbar reads it back from the drawn slide at every screen shape, at 4 px a module
// or more, up to the longest link validate lets through.
#include <string>

#include "render_test_support.hpp"
#include "support/qr_decoder.hpp"
#include "support/renderer_pixels.hpp"

#include "render/layout_check.hpp"
#include "render/qr_code.hpp"
#include "render/slide_geometry.hpp"
#include "render/story_slide.hpp"

using namespace bangvang;
using namespace bangvang::render;
using namespace bangvang::render::testing;

namespace {
const std::string portal_url = "https://thanhxuan.hanoi.gov.vn/guong-dien-hinh/nguyen-thi-hong-nhung";

std::vector<std::string> decode_screen(const HeadlessScreen& screen) {
    const auto pixels = bangvang::testing::read_pixels(screen.renderer(), screen.width(), screen.height());
    return bangvang::testing::decode_qr_codes(std::vector<std::uint32_t>(pixels.begin(), pixels.end()), screen.width(),
                                              screen.height());
}
}  // namespace

TEST_CASE("a portal URL encodes in byte mode at level L", "[render][qr]") {
    QrCodePtr code = encode_qr(portal_url);
    REQUIRE(code);
    CHECK(code->version == 4);  // 68 bytes: version 4 holds 78 at level L (62 at M)
    CHECK(code->width == 17 + 4 * code->version);
    CHECK(qr_side_modules(*code) == code->width + 2 * qr_quiet_zone_modules);
    CHECK_FALSE(encode_qr(""));
    CHECK_FALSE(encode_qr(std::string(4000, 'x')));  // more than any QR code holds
    CHECK(encode_qr(std::string(qr_capacity_bytes(180), 'x'))->version == 5);
    CHECK(encode_qr(std::string(qr_capacity_bytes(180) + 1, 'x'))->version == 6);
}

TEST_CASE("the QR texture has a white quiet zone and scans back to the URL", "[render][qr]") {
    HeadlessScreen screen(480, 480);
    TexturePtr texture = create_qr_texture(screen.renderer(), portal_url);
    REQUIRE(texture);
    int side = 0;
    SDL_QueryTexture(texture.get(), nullptr, nullptr, &side, nullptr);
    CHECK(side == qr_side_modules(*encode_qr(portal_url)));

    SDL_SetRenderDrawColor(screen.renderer(), 255, 255, 255, 255);
    SDL_RenderClear(screen.renderer());
    const SDL_Rect drawn{15, 15, side * 4, side * 4};
    SDL_RenderCopy(screen.renderer(), texture.get(), nullptr, &drawn);
    CHECK((screen.pixel(drawn.x + 15, drawn.y + 15) & 0xFFFFFF) == 0xFFFFFF);  // quiet zone
    CHECK((screen.pixel(drawn.x + 17, drawn.y + 17) & 0xFFFFFF) == 0x000000);  // finder pattern corner
    save_png(screen.renderer(), render_output_dir() / "qr-code.png");
    CHECK(decode_screen(screen) == std::vector<std::string>{portal_url});
}

TEST_CASE("a story's QR code scans at every shape, at 4 px a module, up to the longest link allowed",
          "[render][qr]") {
    const std::pair<int, int> shapes[] = {{1920, 1080}, {1280, 720}, {1080, 1920}, {800, 480}};
    for (auto [width, height] : shapes) {
        const SlideGeometry geometry = make_slide_geometry(default_theme(), width, height);
        const std::size_t longest = story_link_capacity(geometry);
        CHECK(longest >= 106);
        for (const std::string& url : {portal_url, portal_url + "?" + std::string(longest - portal_url.size() - 1, 'a')}) {
            INFO(width << "x" << height << ": " << url.size() << " bytes");
            HeadlessScreen screen(width, height);
            SlideRenderer renderer(screen.renderer(), default_theme(), {}, width, height);
            core::Item item = story_item(std::nullopt);
            std::get<core::Story>(item.content).portal_url = url;
            for (int page = 0; page < renderer.page_count(item); ++page) {
                const SlideReport report = renderer.draw(item, page, sample_frame());
                REQUIRE(report.qr_codes.size() == 1);
                CHECK(report.qr_codes[0].pixels_per_module >= qr_min_pixels_per_module);
                CHECK(report.qr_codes[0].code.w == report.qr_codes[0].modules * report.qr_codes[0].pixels_per_module);
                CHECK(check_layout(report, width, height) == std::vector<std::string>{});
                CHECK(decode_screen(screen) == std::vector<std::string>{url});
            }
            save_png(screen.renderer(), render_output_dir() / ("qr-story-" + std::to_string(width) + "x" +
                                                               std::to_string(height) + "-" +
                                                               std::to_string(url.size()) + ".png"));
        }
    }
}
