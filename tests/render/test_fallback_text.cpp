// Characters Noto Sans lacks (emoji, symbols) drawn by the fallback chain: no box where
// a glyph should be, colour emoji scaled to the line, Vietnamese untouched, and what is
// still not drawable (right-to-left letters, private-use characters) counted as missing.
#include "render_test_support.hpp"

#include "render/fallback_text.hpp"
#include "render/font_cache.hpp"
#include "render/font_fallback.hpp"
#include "render/glyph_coverage.hpp"
#include "render/slide_geometry.hpp"
#include "render/text_painter.hpp"
#include "render/text_texture_cache.hpp"
#include "support/build_paths.hpp"

using namespace bangvang::render;
using namespace bangvang::render::testing;

namespace {

const std::string pasted_line = "Chúc mừng em Nguyễn Thị Ánh 🎉🏅 đạt giải ★ Nhất ✓ → Việt Nam 👍❤️";

// The pixels of one character drawn alone: its alpha, row by row.
std::vector<Uint8> alpha_of(SDL_Surface* surface) {
    std::vector<Uint8> alpha;
    for (int y = 0; y < surface->h; ++y) {
        const auto* row = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(surface->pixels) + y * surface->pitch);
        for (int x = 0; x < surface->w; ++x) alpha.push_back(static_cast<Uint8>(row[x] >> 24));
    }
    return alpha;
}

int colourful_pixels(SDL_Surface* surface) {
    int colourful = 0;
    for (int y = 0; y < surface->h; ++y) {
        const auto* row = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(surface->pixels) + y * surface->pitch);
        for (int x = 0; x < surface->w; ++x) {
            const int a = static_cast<int>(row[x] >> 24), r = static_cast<int>((row[x] >> 16) & 0xFF),
                      g = static_cast<int>((row[x] >> 8) & 0xFF), b = static_cast<int>(row[x] & 0xFF);
            if (a > 128 && (std::abs(r - g) > 40 || std::abs(g - b) > 40)) ++colourful;
        }
    }
    return colourful;
}

}  // namespace

TEST_CASE("emoji and symbols come from the fallback fonts, Vietnamese from Noto Sans", "[render][text][glyphs]") {
    HeadlessScreen screen(400, 200);
    const Theme theme = default_theme();
    FontCache fonts(theme.fonts.regular, theme.fonts.bold);
    FallbackText chain(fonts);
    CHECK(chain.font_for(FontWeight::regular, 40, U'ệ') == theme_font);
    CHECK(chain.font_for(FontWeight::regular, 40, U'\U0001F389') == 0);  // 🎉 Noto Color Emoji
    CHECK(chain.font_for(FontWeight::regular, 40, U'★') == 1);           // Symbola
    CHECK(chain.font_for(FontWeight::regular, 40, U'\uFE0F') == theme_font);
    CHECK(chain.font_for(FontWeight::regular, 40, U'\u0628') == no_font);   // Arabic: refused
    CHECK(chain.font_for(FontWeight::regular, 40, U'\u05E9') == no_font);   // Hebrew: refused
    CHECK(chain.font_for(FontWeight::regular, 40, U'\uE000') == no_font);   // private use
    CHECK(count_missing_glyphs(fonts, FontWeight::bold, 40, pasted_line) == 0);
    CHECK(count_missing_glyphs(fonts, FontWeight::regular, 40, "Xin chào مرحبا") == 5);
    CHECK_FALSE(chain.needed(FontWeight::regular, 40, "Lê Thu Trang — “Tấm gương” 2024"));
    CHECK(chain.needed(FontWeight::regular, 40, pasted_line));
}

TEST_CASE("a fallback font is opened only when a character needs it", "[render][text][glyphs]") {
    HeadlessScreen screen(400, 200);
    const Theme theme = default_theme();
    FontCache fonts(theme.fonts.regular, theme.fonts.bold);
    TextTextureCache textures(screen.renderer(), fonts, 8u << 20);
    TextPainter painter(screen.renderer(), fonts, textures);
    painter.draw("Trường THCS Nhân Chính", TextStyle{.size = 30}, SDL_Rect{0, 0, 400, 100});
    CHECK(fonts.open_count() == 1);  // Noto Sans Regular 30 px, nothing else
    CHECK(fonts.fallback_scale(0, FontWeight::regular, 30) < 0.5);  // the emoji strike, scaled to the line
    CHECK(fonts.fallback_scale(1, FontWeight::regular, 30) == 1.0);
}

TEST_CASE("no box where a glyph should be: emoji, symbols and Vietnamese at the four shapes' body sizes",
          "[render][text][glyphs]") {
    HeadlessScreen screen(1080, 400);
    const Theme theme = default_theme();
    FontCache fonts(theme.fonts.regular, theme.fonts.bold);
    TextTextureCache textures(screen.renderer(), fonts, 16u << 20);
    TextPainter painter(screen.renderer(), fonts, textures);
    const std::vector<std::pair<int, int>> shapes{{1920, 1080}, {1080, 1920}, {1280, 720}, {800, 480}};
    for (const auto& [width, height] : shapes) {
        const SlideGeometry geometry = make_slide_geometry(theme, width, height);
        const int size = geometry.px(theme.text.body);
        CAPTURE(width, height, size);
        TTF_Font* noto = fonts.get(FontWeight::regular, size);
        // The box Noto Sans draws for a character it lacks (.notdef).
        SurfacePtr tofu(TTF_RenderGlyph32_Blended(noto, 0xE000, SDL_Color{0, 0, 0, 255}));
        REQUIRE(tofu);
        const std::vector<Uint8> tofu_alpha = alpha_of(tofu.get());
        for (const char* character : {"🎉", "🏅", "👍", "★", "✓", "→", "ệ", "Ữ"}) {
            CAPTURE(character);
            RenderedText drawn = textures.get(character, FontWeight::regular, size, SDL_Color{0, 0, 0, 255}, 0,
                                              TextAlign::left);
            REQUIRE(drawn.texture);
            CHECK(drawn.ink.w > 0);
            CHECK(drawn.height <= TTF_FontLineSkip(noto) + 1);  // emoji scaled to the line
            FallbackText chain(fonts);
            const bool fallback = chain.needed(FontWeight::regular, size, character);
            SurfacePtr alone(fallback ? chain.render(FontWeight::regular, size, character, SDL_Color{0, 0, 0, 255}, 0,
                                                     TextAlign::left)
                                      : SurfacePtr(TTF_RenderUTF8_Blended(noto, character, SDL_Color{0, 0, 0, 255})));
            REQUIRE(alone);
            CHECK(alpha_of(alone.get()) != tofu_alpha);
        }
        // The whole pasted line: nothing missing, the emoji in colour, in its box.
        const TextStyle style{.size = size, .colour = SDL_Color{20, 20, 20, 255}};
        SDL_SetRenderDrawColor(screen.renderer(), 251, 246, 236, 255);
        SDL_RenderClear(screen.renderer());
        DrawnText drawn = painter.draw(pasted_line, style, SDL_Rect{10, 10, 1060, 380});
        CHECK(drawn.report.missing_glyphs == 0);
        CHECK_FALSE(drawn.truncated);
        FallbackText chain(fonts);
        SurfacePtr line = chain.render(FontWeight::regular, size, pasted_line, style.colour, 0, TextAlign::left);
        CHECK(colourful_pixels(line.get()) > size * 2);
        const std::filesystem::path out = std::filesystem::path(bangvang::testing::paths::build) / "test-output" /
                                          ("fallback-" + std::to_string(width) + "x" + std::to_string(height) + ".png");
        std::filesystem::create_directories(out.parent_path());
        save_png(screen.renderer(), out);
    }
}

TEST_CASE("text with emoji wraps, and measuring agrees with drawing", "[render][text][glyphs]") {
    HeadlessScreen screen(600, 600);
    const Theme theme = default_theme();
    FontCache fonts(theme.fonts.regular, theme.fonts.bold);
    TextTextureCache textures(screen.renderer(), fonts, 16u << 20);
    TextPainter painter(screen.renderer(), fonts, textures);
    const std::string long_text = pasted_line + " " + pasted_line + " " + pasted_line;
    const TextStyle style{.size = 32, .colour = SDL_Color{0, 0, 0, 255}};
    const SDL_Rect box{20, 20, 500, 560};
    DrawnText laid_out = painter.draw(long_text, style, box, false);
    DrawnText drawn = painter.draw(long_text, style, box);
    CHECK(drawn.report.missing_glyphs == 0);
    CHECK(drawn.occupied.h == laid_out.occupied.h);
    CHECK(drawn.occupied.h > 3 * painter.line_height(FontWeight::regular, 32));
    CHECK(drawn.report.drawn.x >= box.x);
    CHECK(drawn.report.drawn.x + drawn.report.drawn.w <= box.x + box.w);
}
