// How a long body falls over the pages of its slide, without a font: a fake measure of
// 10 px per byte, lines of 20 px, wrapped at the width.
#include <catch2/catch.hpp>

#include "render/body_pages.hpp"

using namespace bangvang::render;

namespace {

BodyMeasure fake_measure() {
    BodyMeasure measure;
    measure.paragraph_gap = 10;
    measure.wrapped = [](std::string_view text, int width) {
        const int per_line = std::max(1, width / 10);
        const int length = static_cast<int>(text.size());
        const int lines = std::max(1, (length + per_line - 1) / per_line);
        return TextSize{lines == 1 ? length * 10 : width, lines * 20};
    };
    return measure;
}

std::string joined(const BodyPlan& plan) {
    std::string text;
    for (const auto& page : plan.pages) {
        for (const auto& paragraph : page) text += paragraph + "|";
    }
    return text;
}

}  // namespace

TEST_CASE("a body that fits stays on one page", "[render][pages]") {
    const BodyPlan plan = plan_body_pages({"Một câu.", "Hai câu."}, BodyRooms{{200, 100}, {200, 100}, 3}, fake_measure());
    CHECK(plan.page_count() == 1);
    CHECK_FALSE(plan.cut);
    CHECK(joined(plan) == "Một câu.|Hai câu.|");
}

TEST_CASE("a long body fills the free space first and goes on on the next page", "[render][pages]") {
    // 20 characters a line, 3 lines a page: the second paragraph starts on page 1 and
    // ends on page 2, split after its first sentence
    // (a word split would hold only two words more).
    const std::vector<std::string> body{"Aaaa bbbb cccc.", "Dddd eeee ffff gggg hhhh. Iiii jjjj kkkk."};
    const BodyPlan plan = plan_body_pages(body, BodyRooms{{200, 70}, {200, 70}, 3}, fake_measure());
    REQUIRE(plan.page_count() == 2);
    CHECK_FALSE(plan.cut);
    CHECK(plan.pages[0] == std::vector<std::string>{"Aaaa bbbb cccc.", "Dddd eeee ffff gggg hhhh."});
    CHECK(plan.pages[1] == std::vector<std::string>{"Iiii jjjj kkkk."});
}

TEST_CASE("when the pages run out the body ends after a whole sentence with an ellipsis", "[render][pages]") {
    std::vector<std::string> body;
    for (int i = 0; i < 10; ++i) body.push_back("Câu số một dài. Câu hai.");
    const BodyPlan plan = plan_body_pages(body, BodyRooms{{200, 60}, {200, 60}, 2}, fake_measure());
    REQUIRE(plan.page_count() == 2);
    REQUIRE(plan.cut);
    const std::string& last = plan.pages.back().back();
    CHECK(last.ends_with(". …"));
    CHECK(plan.where.paragraph >= 1);
    CHECK(plan.where.lost_characters > 0);
    // Nothing is skipped: the pages hold the body's beginning, in order.
    std::string shown;
    for (const auto& page : plan.pages) {
        for (const auto& paragraph : page) shown += paragraph;
    }
    CHECK(shown.find("…") == shown.size() - std::string("…").size());
}

TEST_CASE("a cut never falls inside a sentence while a sentence fits", "[render][pages]") {
    const std::vector<std::string> body{"Một hai ba. Bốn năm sáu bảy tám chín mười mười một mười hai mười ba."};
    const BodyPlan plan = plan_body_pages(body, BodyRooms{{200, 40}, {200, 40}, 1}, fake_measure());
    REQUIRE(plan.cut);
    CHECK(plan.pages.back().back() == "Một hai ba. …");
    CHECK(plan.where.paragraph == 0);
    CHECK(plan.where.shown_bytes == std::string("Một hai ba.").size());
}

TEST_CASE("sentence ends are found after closing quotes and at the end", "[render][pages]") {
    const std::string text = "Ông nói: “Cứ làm.” Bà con theo. Hết";
    const auto ends = sentence_ends(text);
    REQUIRE(ends.size() == 2);
    CHECK(text.substr(0, ends[0]).ends_with("”"));
    CHECK(text.substr(0, ends[1]).ends_with("theo."));
    CHECK(count_code_points("Việt") == 4);
}
