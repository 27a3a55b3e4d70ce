// Issue #12, point 1: a story or commemoration body too long for its slide goes on over
// further pages; text is cut only when the pages run out, after a whole sentence with
// "…", and the slide's report says exactly what was not shown, at every screen shape.
#include "render_test_support.hpp"

#include "render/body_pages.hpp"
#include "render/layout_check.hpp"
#include "render/slide_parts.hpp"

using namespace bangvang;
using namespace bangvang::render;
using namespace bangvang::render::testing;

namespace {

bool has_text(const SlideReport& report, const std::string& text) {
    return std::any_of(report.text_blocks.begin(), report.text_blocks.end(),
                       [&](const TextBlockReport& block) { return block.text == text; });
}

const std::pair<int, int> shapes[] = {{1920, 1080}, {1280, 720}, {1080, 1920}, {800, 480}};

std::string without_spaces(std::string_view text) {
    std::string kept;
    for (char c : text) {
        if (c != ' ' && c != '\n') kept += c;
    }
    return kept;
}

core::Item long_story(int paragraphs, bool link = true) {
    core::Item item = story_item();
    auto& story = std::get<core::Story>(item.content);
    story.body.clear();
    for (int i = 1; i <= paragraphs; ++i) {
        story.body.push_back("Đoạn " + std::to_string(i) + ": Bà vận động các hộ gia đình trong tổ hiến đất mở rộng ngõ, "
                             "lắp đèn chiếu sáng và camera an ninh. Bà còn mở lớp học tiếng Việt miễn phí cho con em "
                             "người lao động nhập cư.");
    }
    if (!link) story.portal_url.clear();
    return item;
}

core::Item long_commemoration(int paragraphs) {
    core::Item item = commemoration_item();
    auto& commemoration = std::get<core::Commemoration>(item.content);
    const std::string first = commemoration.body.front();
    commemoration.body.clear();
    for (int i = 0; i < paragraphs; ++i) commemoration.body.push_back(first);
    return item;
}

const std::vector<std::string>& body_of(const core::Item& item) {
    if (const auto* story = std::get_if<core::Story>(&item.content)) return story->body;
    return std::get<core::Commemoration>(item.content).body;
}

// Draws every page; checks each is clean and returns the body as shown, page after page.
struct Shown {
    std::string body;  // spaces removed
    std::vector<TextCutReport> cuts;
    int pages = 0;
};

Shown draw_all_pages(SlideRenderer& renderer, const core::Item& item, int width, int height) {
    Shown shown;
    shown.pages = renderer.page_count(item);
    for (int page = 0; page < shown.pages; ++page) {
        INFO(width << "x" << height << " " << item.id << " page " << page + 1 << "/" << shown.pages);
        const SlideReport report = renderer.draw(item, page, sample_frame());
        CHECK(check_layout(report, width, height) == std::vector<std::string>{});
        REQUIRE_FALSE(report.text_blocks.empty());
        // The body is the last block of role body on each page; a first page whose long
        // headline takes the column (800x480) may have none: the body starts on page 2.
        const auto body = std::find_if(report.text_blocks.rbegin(), report.text_blocks.rend(),
                                       [](const TextBlockReport& block) { return block.role == TextRole::body; });
        std::string text = body == report.text_blocks.rend() ? std::string() : body->text;
        for (const TextCutReport& cut : report.cuts) {
            INFO("cut: " << cut.shown);
            CHECK(page == shown.pages - 1);  // only the last page may cut
            shown.cuts.push_back(cut);
        }
        if (text.ends_with(" …")) text.resize(text.size() - std::string(" …").size());
        shown.body += without_spaces(text);
        if (shown.pages > 1) CHECK(has_text(report, page_label(page, shown.pages)));
    }
    return shown;
}

}  // namespace

TEST_CASE("a long story continues on further pages and is cut only when they run out", "[render][pages][display]") {
    const auto portrait = write_sample_portrait(render_output_dir() / "media" / "long-bodies-portrait.png");
    for (auto [width, height] : shapes) {
        HeadlessScreen screen(width, height);
        SlideRenderer renderer(screen.renderer(), default_theme(), locator_for({{portrait_hash, portrait}}), width,
                               height);
        for (const core::Item& item : {long_story(3), long_story(10), long_story(30, false), long_commemoration(3),
                                       long_commemoration(12)}) {
            INFO(width << "x" << height << " " << item.id << " with " << body_of(item).size() << " paragraphs");
            const Shown shown = draw_all_pages(renderer, item, width, height);
            CHECK(shown.pages >= 1);
            CHECK(shown.pages <= max_body_pages);
            std::string whole;
            for (const std::string& paragraph : body_of(item)) whole += without_spaces(paragraph);
            // Nothing is skipped: what the pages show is the body's beginning, in order.
            CHECK(whole.rfind(shown.body, 0) == 0);
            if (shown.cuts.empty()) {
                CHECK(shown.body == whole);
            } else {
                REQUIRE(shown.cuts.size() == 1);
                const TextCutReport& cut = shown.cuts.front();
                CHECK(cut.field == "body");
                CHECK(cut.shown.ends_with(". …"));  // after a whole sentence
                CHECK(shown.pages == max_body_pages);
                CHECK(cut.lost_characters > 0);
                CHECK(cut.paragraph < body_of(item).size());
            }
        }
    }
}

TEST_CASE("three paragraphs of a story are all shown at every shape", "[render][pages][display]") {
    for (auto [width, height] : shapes) {
        HeadlessScreen screen(width, height);
        SlideRenderer renderer(screen.renderer(), default_theme(), {}, width, height);
        INFO(width << "x" << height);
        const Shown story = draw_all_pages(renderer, long_story(3), width, height);
        CHECK(story.cuts.empty());
        const Shown commemoration = draw_all_pages(renderer, long_commemoration(3), width, height);
        CHECK(commemoration.cuts.empty());
    }
}
