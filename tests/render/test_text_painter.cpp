// Text drawn with the real fonts: Vietnamese glyph coverage, NFC normalisation,
// boxes respected, and the texture cache reused on redraw.
#include "render_test_support.hpp"

#include <fstream>
#include <sstream>

#include "render/font_cache.hpp"
#include "render/glyph_coverage.hpp"
#include "render/text_painter.hpp"
#include "render/text_texture_cache.hpp"
#include "render/wrapped_text_size.hpp"
#include "support/build_paths.hpp"

using namespace bangvang::render;
using namespace bangvang::render::testing;

namespace {
const std::string every_vietnamese_letter =
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ "
    "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ "
    "— – “ ” ‘ ’ … · ° № ₫ 0123456789";
}

TEST_CASE("Noto Sans has every Vietnamese letter, regular and bold", "[render][text]") {
    HeadlessScreen screen(320, 200);
    const Theme theme = default_theme();
    FontCache fonts(theme.fonts.regular, theme.fonts.bold);
    CHECK(count_missing_glyphs(fonts.get(FontWeight::regular, 30), every_vietnamese_letter) == 0);
    CHECK(count_missing_glyphs(fonts.get(FontWeight::bold, 30), every_vietnamese_letter) == 0);
    // What the font really lacks is counted: ▲ (U+25B2) and an invalid byte.
    CHECK(count_missing_glyphs(fonts.get(FontWeight::regular, 30), "▲ a \xff") == 2);
    CHECK(count_missing_glyphs(fonts.get(FontWeight::regular, 30), "dòng một\ndòng hai") == 0);
}

TEST_CASE("a text block wraps, shrinks and stays in its box", "[render][text]") {
    HeadlessScreen screen(800, 600);
    const Theme theme = default_theme();
    FontCache fonts(theme.fonts.regular, theme.fonts.bold);
    TextTextureCache textures(screen.renderer(), fonts, 8u << 20);
    TextPainter painter(screen.renderer(), fonts, textures);

    const TextStyle style{.weight = FontWeight::regular, .size = 40, .min_size = 20,
                          .colour = SDL_Color{20, 20, 20, 255}};
    const SDL_Rect box{50, 60, 500, 200};
    const std::vector<std::string> paragraphs{every_vietnamese_letter, every_vietnamese_letter};
    DrawnText drawn = painter.draw(paragraphs, style, box);
    CHECK(drawn.report.missing_glyphs == 0);
    CHECK(drawn.font_size < 40);
    CHECK(drawn.font_size >= 20);
    SDL_Rect inside;
    REQUIRE(SDL_IntersectRect(&drawn.report.drawn, &box, &inside));
    CHECK(inside.x == drawn.report.drawn.x);
    CHECK(inside.y == drawn.report.drawn.y);
    CHECK(inside.w == drawn.report.drawn.w);
    CHECK(inside.h == drawn.report.drawn.h);
    CHECK(drawn.occupied.h <= box.h);

    // A redraw of the same block is served from the texture cache.
    const TextCacheStatistics before = textures.statistics();
    painter.draw(paragraphs, style, box);
    const TextCacheStatistics after = textures.statistics();
    CHECK(after.misses == before.misses);
    CHECK(after.hits > before.hits);
    CHECK(after.bytes <= after.budget_bytes);
}

TEST_CASE("decomposed (NFD) text is drawn as NFC", "[render][text]") {
    HeadlessScreen screen(800, 200);
    const Theme theme = default_theme();
    FontCache fonts(theme.fonts.regular, theme.fonts.bold);
    TextTextureCache textures(screen.renderer(), fonts, 8u << 20);
    TextPainter painter(screen.renderer(), fonts, textures);
    const std::string nfc = "Nguyễn Thị Hồng Nhung";
    const std::string nfd = "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Ho\xcc\x82\xcc\x80ng Nhung";
    const TextStyle style{.size = 36};
    DrawnText composed = painter.draw(nfc, style, SDL_Rect{0, 0, 800, 100});
    DrawnText decomposed = painter.draw(nfd, style, SDL_Rect{0, 100, 800, 100});
    CHECK(decomposed.report.text == nfc);
    CHECK(decomposed.report.drawn.w == composed.report.drawn.w);
}

TEST_CASE("the text cache stays within its byte budget", "[render][text]") {
    HeadlessScreen screen(400, 200);
    const Theme theme = default_theme();
    FontCache fonts(theme.fonts.regular, theme.fonts.bold);
    const std::size_t budget = 256u << 10;
    TextTextureCache textures(screen.renderer(), fonts, budget);
    for (int i = 0; i < 200; ++i) {
        RenderedText rendered = textures.get("Tổ dân phố số " + std::to_string(i), FontWeight::bold, 32,
                                             SDL_Color{0, 0, 0, 255}, 380, TextAlign::left);
        CHECK(rendered.texture != nullptr);
        CHECK(textures.statistics().bytes <= budget);
    }
    CHECK(textures.statistics().entries < 200);
}

TEST_CASE("SDL failures throw RenderError naming what failed", "[render][handles]") {
    HeadlessScreen screen(64, 64);
    CHECK_THROWS_AS(open_font("/nonexistent/font.ttf", 20), RenderError);
    CHECK_THROWS_WITH(open_font("/nonexistent/font.ttf", 20), Catch::Contains("/nonexistent/font.ttf"));
    CHECK_THROWS_WITH(load_image_surface("/nonexistent/photo.jpg"), Catch::Contains("IMG_Load"));
    Theme theme = default_theme();
    theme.fonts.bold = "/nonexistent/bold.ttf";
    CHECK_THROWS_WITH(SlideRenderer(screen.renderer(), theme, {}, 64, 64), Catch::Contains("bold.ttf"));
}

TEST_CASE("wrapped text is measured without drawing and to the pixel SDL_ttf draws it", "[render][text]") {
    HeadlessScreen screen(64, 64);
    const Theme theme = default_theme();
    FontCache fonts(theme.fonts.regular, theme.fonts.bold);
    std::vector<std::string> texts{
        every_vietnamese_letter,
        "Nguyễn Thị Hồng Nhung",
        "a",
        "   lề trái và lề phải   ",
        "hai  dấu cách\tmột tab, rồi\ndòng mới\r\nvà dòng Windows\n\nmột dòng trống",
        "Chủ-tịch-Ủy-ban-nhân-dân-phường-Nhân-Chính-một-từ-dài-không-có-chỗ-ngắt-nào-cả",
        "\xEF\xBB\xBF" "dấu thứ tự byte ở đầu",
        "dòng cuối có xuống dòng\n",
        "\n",
        "\xE2\x80\x8B",  // a zero-width space alone: SDL_ttf may refuse it
    };
    // The sample stories' bodies: long paragraphs of real Vietnamese.
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(bangvang::testing::paths::checkout) /
                                                                  "content/sample/guong-dien-hinh")) {
        std::ifstream file(entry.path());
        std::stringstream whole;
        whole << file.rdbuf();
        texts.push_back(displayable_text(whole.str()));
    }
    int compared = 0;
    for (FontWeight weight : {FontWeight::regular, FontWeight::bold}) {
        for (int size : {13, 24, 37, 58, 96}) {
            TTF_Font* font = fonts.get(weight, size);
            for (int wrap : {40, 215, 640, 1713}) {
                for (const std::string& text : texts) {
                    SurfacePtr drawn(TTF_RenderUTF8_Solid_Wrapped(font, text.c_str(), SDL_Color{0, 0, 0, 255},
                                                                  static_cast<Uint32>(wrap)));
                    INFO("size " << size << ", wrap " << wrap << ": " << text.substr(0, 60));
                    if (!drawn) {
                        // What SDL_ttf refuses to draw is refused here too, with a reason.
                        CHECK_THROWS_AS(wrapped_text_size(font, text, wrap), RenderError);
                        continue;
                    }
                    const TextSize measured = wrapped_text_size(font, text, wrap);
                    CHECK(measured.width == drawn->w);
                    CHECK(measured.height == drawn->h);
                    ++compared;
                }
            }
        }
    }
    CHECK(compared > 200);
}
