#include <catch2/catch.hpp>

#include "kiosk/rotation.hpp"

using namespace bangvang;

namespace {
core::Item item(std::string id, core::Priority priority = core::Priority::normal, int duration = 15) {
    core::Item made;
    made.id = std::move(id);
    made.schedule.priority = priority;
    made.schedule.duration_seconds = duration;
    made.content = core::Story{};
    return made;
}
}  // namespace

TEST_CASE("a rotation has every page of every item, urgent items first", "[kiosk][rotation]") {
    std::vector<core::Item> items{item("a"), item("honour", core::Priority::normal, 20),
                                  item("urgent", core::Priority::urgent), item("b")};
    std::vector<const core::Item*> pointers;
    for (const auto& each : items) pointers.push_back(&each);

    auto slides = kiosk::plan_rotation(pointers, [](const core::Item& it) { return it.id == "honour" ? 2 : 1; });

    REQUIRE(slides.size() == 5);
    CHECK(slides[0].item_index == 2);  // urgent first
    CHECK(slides[1].item_index == 0);
    CHECK(slides[2].item_index == 1);
    CHECK(slides[2].page == 0);
    CHECK(slides[3].item_index == 1);
    CHECK(slides[3].page == 1);
    CHECK(slides[3].page_count == 2);
    CHECK(slides[3].duration_seconds == 20);
    CHECK(slides[4].item_index == 3);
}

TEST_CASE("an empty cache plans an empty rotation", "[kiosk][rotation]") {
    CHECK(kiosk::plan_rotation({}, [](const core::Item&) { return 1; }).empty());
}
