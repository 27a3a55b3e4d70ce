// The fitting rules without a font: a fake measure of 10 px per byte, one line per
// `width` pixels, 20 px lines.
#include <catch2/catch.hpp>

#include "render/text_fitting.hpp"

using namespace bangvang::render;

namespace {

TextMeasure fake_measure(int box_width) {
    TextMeasure measure;
    measure.line_height = [](int size) { return size * 2; };
    measure.wrapped = [box_width](std::string_view text, int size) {
        const int per_char = size;
        const int chars_per_line = std::max(1, box_width / per_char);
        const int length = static_cast<int>(text.size());
        const int lines = std::max(1, (length + chars_per_line - 1) / chars_per_line);
        return TextSize{lines == 1 ? length * per_char : box_width, lines * size * 2};
    };
    return measure;
}

}  // namespace

TEST_CASE("text that fits keeps its size", "[render][fitting]") {
    FittedText fitted = fit_paragraphs({"short"}, FitRequest{.font_size = 10, .min_font_size = 6, .box_width = 200,
                                                              .box_height = 40},
                                       fake_measure(200));
    CHECK(fitted.font_size == 10);
    CHECK_FALSE(fitted.truncated);
    REQUIRE(fitted.paragraphs.size() == 1);
    CHECK(fitted.paragraphs[0] == "short");
    CHECK(fitted.width == 50);
    CHECK(fitted.height == 20);
}

TEST_CASE("text shrinks step by step until it fits", "[render][fitting]") {
    // 40 characters: at size 10 it needs 2 lines (40 px tall) in a 200 px box; at 5 one line.
    const std::string text(40, 'x');
    FittedText fitted = fit_paragraphs({text}, FitRequest{.font_size = 10, .min_font_size = 4, .box_width = 200,
                                                           .box_height = 20},
                                       fake_measure(200));
    CHECK(fitted.font_size == 5);
    CHECK_FALSE(fitted.truncated);
    CHECK(fitted.height <= 20);
}

TEST_CASE("at the minimum size text is cut at a word with an ellipsis", "[render][fitting]") {
    const std::string text = "một hai ba bốn năm sáu bảy tám chín mười mười một mười hai";
    FittedText fitted = fit_paragraphs({text}, FitRequest{.font_size = 10, .min_font_size = 10, .box_width = 200,
                                                           .box_height = 20},
                                       fake_measure(200));
    CHECK(fitted.truncated);
    REQUIRE(fitted.paragraphs.size() == 1);
    const std::string& cut = fitted.paragraphs[0];
    CHECK(cut.size() <= 20);
    CHECK(cut.substr(cut.size() - 3) == "…");
    CHECK(text.rfind(cut.substr(0, cut.size() - 3), 0) == 0);  // a prefix of the original
    CHECK(cut[cut.size() - 4] != ' ');
}

TEST_CASE("a whole sentence is preferred to a longer fragment", "[render][fitting]") {
    const std::string text = "Câu đầu tiên rất dài đây. Câu thứ hai tiếp theo";
    // One line of 46 bytes: "… đây. Câu…" would fit, but the sentence (35 bytes) reads better.
    FittedText fitted = fit_paragraphs({text}, FitRequest{.font_size = 10, .min_font_size = 10, .box_width = 460,
                                                           .box_height = 20},
                                       fake_measure(460));
    REQUIRE(fitted.paragraphs.size() == 1);
    CHECK(fitted.paragraphs[0] == "Câu đầu tiên rất dài đây.");
}

TEST_CASE("paragraphs that do not fit are dropped after the last one that does", "[render][fitting]") {
    const std::vector<std::string> paragraphs{"first", "", "second", std::string(200, 'z')};
    FittedText fitted = fit_paragraphs(paragraphs, FitRequest{.font_size = 10, .min_font_size = 10, .box_width = 200,
                                                               .box_height = 50, .paragraph_gap = 0.25},
                                       fake_measure(200));
    CHECK(fitted.truncated);
    REQUIRE(fitted.paragraphs.size() == 2);  // the empty paragraph is dropped, the long one has no room
    CHECK(fitted.paragraphs[0] == "first");
    CHECK(fitted.paragraphs[1] == "second");
    CHECK(fitted.paragraph_gap == 5);
    CHECK(fitted.height == 45);
}

TEST_CASE("max_lines limits a label to one line", "[render][fitting]") {
    const std::string name(30, 'n');
    FittedText fitted = fit_paragraphs({name}, FitRequest{.font_size = 10, .min_font_size = 8, .box_width = 200,
                                                           .box_height = 100, .max_lines = 1},
                                       fake_measure(200));
    CHECK(fitted.height <= fitted.font_size * 2);
    CHECK(fitted.truncated);
}

TEST_CASE("ellipsis and boundaries", "[render][fitting]") {
    const std::string place = "Hà Nội, ngày";
    CHECK(with_ellipsis(place, place.find(" ngày")) == "Hà Nội…");
    const std::string dash = "tiêu biểu — ";
    CHECK(with_ellipsis(dash, dash.size()) == "tiêu biểu…");
    CHECK(ends_sentence("Xong. Tiếp", 5));
    const std::string quoted = "“Làm ngay!” rồi";
    CHECK(ends_sentence(quoted, quoted.find(" rồi")));
    CHECK_FALSE(ends_sentence(place, place.find(" ngày")));
    CHECK(word_ends("a bb  ccc") == std::vector<std::size_t>{1, 4});
}

TEST_CASE("a scrap of a further paragraph is left out, a first paragraph is always cut", "[render][fitting]") {
    // 20 bytes a line, 20 px a line, 3 lines of room.
    const std::string whole = "một hai ba bốn năm";  // 24 bytes: 2 lines
    const std::string next = "sáu bảy tám chín mười mười một mười hai mười ba mười bốn mười lăm";
    FittedText fitted = fit_paragraphs({whole, next}, FitRequest{.font_size = 10, .min_font_size = 10,
                                                                  .box_width = 200, .box_height = 60,
                                                                  .paragraph_gap = 0},
                                       fake_measure(200));
    CHECK(fitted.truncated);
    REQUIRE(fitted.paragraphs.size() == 1);
    CHECK(fitted.paragraphs[0] == whole);

    FittedText first_only = fit_paragraphs({next}, FitRequest{.font_size = 10, .min_font_size = 10, .box_width = 200,
                                                               .box_height = 20},
                                           fake_measure(200));
    REQUIRE(first_only.paragraphs.size() == 1);
    CHECK(first_only.paragraphs[0].size() < next.size());
}
