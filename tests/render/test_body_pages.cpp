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
    const std::vector<std::string> body{"Aaaa bbbb cccc.", "Dddd eeee ffff gggg hhhh. Iiii jjjj kkkk. Llll mmmm."};
    const BodyPlan plan = plan_body_pages(body, BodyRooms{{200, 70}, {200, 70}, 3}, fake_measure());
    REQUIRE(plan.page_count() == 2);
    CHECK_FALSE(plan.cut);
    CHECK(plan.pages[0] == std::vector<std::string>{"Aaaa bbbb cccc.", "Dddd eeee ffff gggg hhhh."});
    CHECK(plan.pages[1] == std::vector<std::string>{"Iiii jjjj kkkk. Llll mmmm."});
}

TEST_CASE("the last page of a continued body is not left nearly empty", "[render][pages]") {
    // Three one-line paragraphs a page (20 px lines, 10 px gaps, 100 px rooms). Filled
    // greedily, four would leave one line on page 2 (20 of 100 px); the first page gives
    // one up so that both hold two.
    const std::vector<std::string> body{"Một.", "Hai.", "Ba.", "Bốn."};
    const BodyPlan plan = plan_body_pages(body, BodyRooms{{200, 100}, {200, 100}, 3}, fake_measure());
    REQUIRE(plan.page_count() == 2);
    CHECK_FALSE(plan.cut);
    CHECK(plan.pages[0] == std::vector<std::string>{"Một.", "Hai."});
    CHECK(plan.pages[1] == std::vector<std::string>{"Ba.", "Bốn."});

    // Five fill page 2 to 50 px, half its room: as they fall.
    const BodyPlan five = plan_body_pages({"Một.", "Hai.", "Ba.", "Bốn.", "Năm."},
                                          BodyRooms{{200, 100}, {200, 100}, 3}, fake_measure());
    REQUIRE(five.page_count() == 2);
    CHECK(five.pages[0].size() == 3);
    CHECK(five.pages[1].size() == 2);

    // Seven over three pages: 3 + 3 + 1 greedily, spread to leave two or more on the last.
    std::vector<std::string> seven{"Một.", "Hai.", "Ba.", "Bốn.", "Năm.", "Sáu.", "Bảy."};
    const BodyPlan spread = plan_body_pages(seven, BodyRooms{{200, 100}, {200, 100}, 3}, fake_measure());
    REQUIRE(spread.page_count() == 3);
    CHECK_FALSE(spread.cut);
    CHECK(spread.pages[2].size() >= 2);
    std::size_t shown = 0;
    for (const auto& page : spread.pages) shown += page.size();
    CHECK(shown == seven.size());
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
