// The QR code of a portal URL: the right size, a white quiet zone, and it decodes
// back to the URL (with zbarimg, when installed).
#include <array>
#include <cstdio>
#include <memory>

#include "render_test_support.hpp"

#include "render/qr_code.hpp"

using namespace bangvang::render;
using namespace bangvang::render::testing;

namespace {
const std::string portal_url = "https://thanhxuan.hanoi.gov.vn/guong-dien-hinh/nguyen-thi-hong-nhung";

std::string run(const std::string& command) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe) return {};
    std::string output;
    std::array<char, 256> buffer{};
    while (fgets(buffer.data(), buffer.size(), pipe.get())) output += buffer.data();
    return output;
}
}  // namespace

TEST_CASE("a portal URL encodes as a small code at level M", "[render][qr]") {
    QrCodePtr code = encode_qr(portal_url);
    REQUIRE(code);
    CHECK(code->version <= 5);  // 69 bytes at level M: version 5, 37 modules
    CHECK(code->width == 17 + 4 * code->version);
    CHECK(qr_side_modules(*code) == code->width + 2 * qr_quiet_zone_modules);
    CHECK_FALSE(encode_qr(""));
    CHECK_FALSE(encode_qr(std::string(4000, 'x')));  // more than any QR code holds
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
    const SDL_Rect drawn{15, 15, side * 10, side * 10};
    SDL_RenderCopy(screen.renderer(), texture.get(), nullptr, &drawn);
    CHECK((screen.pixel(drawn.x + 5, drawn.y + 5) & 0xFFFFFF) == 0xFFFFFF);  // quiet zone
    CHECK((screen.pixel(drawn.x + 45, drawn.y + 45) & 0xFFFFFF) == 0x000000);  // finder pattern corner

    const auto png = render_output_dir() / "qr-code.png";
    save_png(screen.renderer(), png);
    if (run("command -v zbarimg").empty()) {
        WARN("zbarimg not installed: QR decoding not checked");
        return;
    }
    CHECK(run("zbarimg --quiet --raw '" + png.string() + "' 2>/dev/null") == portal_url + "\n");
}

TEST_CASE("the story slide's QR code scans from the saved screen", "[render][qr]") {
    HeadlessScreen screen(1920, 1080);
    SlideRenderer renderer(screen.renderer(), default_theme(), {}, screen.width(), screen.height());
    renderer.draw(story_item(std::nullopt), 0, sample_frame());
    const auto png = render_output_dir() / "qr-story-screen.png";
    save_png(screen.renderer(), png);
    if (run("command -v zbarimg").empty()) {
        WARN("zbarimg not installed: QR decoding not checked");
        return;
    }
    CHECK(run("zbarimg --quiet --raw '" + png.string() + "' 2>/dev/null") == portal_url + "\n");
}
