// When the status overlay shows: keys, a long press, and hiding after 30 s.
#include <catch2/catch.hpp>

#include "kiosk/overlay_toggle.hpp"

using bangvang::kiosk::OverlayToggle;

TEST_CASE("F1 or I toggles the overlay, which hides itself after 30 s", "[kiosk][status]") {
    OverlayToggle toggle;
    CHECK_FALSE(toggle.visible());
    CHECK_FALSE(toggle.next_deadline());
    toggle.toggle(1000);
    CHECK(toggle.visible());
    CHECK(toggle.next_deadline() == 31000);
    CHECK_FALSE(toggle.update(30999));
    CHECK(toggle.update(31000));
    CHECK_FALSE(toggle.visible());

    toggle.toggle(40000);
    toggle.toggle(41000);  // pressed again: hidden at once
    CHECK_FALSE(toggle.visible());
    CHECK_FALSE(toggle.next_deadline());
}

TEST_CASE("a press held 1.5 s toggles the overlay, a short one is a tap", "[kiosk][status]") {
    OverlayToggle toggle;
    SECTION("short press") {
        toggle.press(0);
        CHECK(toggle.next_deadline() == 1500);
        CHECK_FALSE(toggle.update(1499));
        CHECK(toggle.release(1499));  // the player goes to the next or previous slide
        CHECK_FALSE(toggle.visible());
    }
    SECTION("held: shows while still held, and the release is not a tap") {
        toggle.press(0);
        CHECK(toggle.update(1500));
        CHECK(toggle.visible());
        CHECK_FALSE(toggle.release(4000));
        CHECK(toggle.visible());
        CHECK(toggle.next_deadline() == 31500);
    }
    SECTION("held past the threshold between two wakes still counts at the release") {
        toggle.press(0);
        CHECK_FALSE(toggle.release(2000));
        CHECK(toggle.visible());
    }
    SECTION("a second long press hides it") {
        toggle.press(0);
        toggle.update(1600);
        toggle.release(1700);
        toggle.press(5000);
        CHECK(toggle.update(6500));
        CHECK_FALSE(toggle.visible());
        CHECK_FALSE(toggle.release(6600));
    }
    SECTION("a release without a press (the press began before the player started) is a tap") {
        CHECK(toggle.release(100));
    }
}
