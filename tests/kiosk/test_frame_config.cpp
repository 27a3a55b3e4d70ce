// The config's frame settings: a rotated screen and the ticker.
#include <catch2/catch.hpp>

#include "kiosk/kiosk_config.hpp"

using bangvang::kiosk::Orientation;
using bangvang::kiosk::parse_kiosk_config;

namespace {
std::string config_with(const std::string& members) {
    return R"({"kiosk_id": "k1", "site": "s", "cache_directory": "/var/lib/bangvang", )" + members + "}";
}
}  // namespace

TEST_CASE("a screen turned a quarter draws portrait slides onto its landscape output", "[kiosk][config]") {
    auto config = parse_kiosk_config(config_with(R"("screen": {"width": 1920, "height": 1080, "rotation": 90})"),
                                     "kiosk.json", "/");
    REQUIRE(config.ok());
    CHECK(config->screen.rotation == 90);
    CHECK(config->screen.orientation == Orientation::portrait);  // implied
    CHECK(config->screen_width() == 1080);
    CHECK(config->screen_height() == 1920);
    CHECK(config->output_width() == 1920);
    CHECK(config->output_height() == 1080);

    auto upside_down = parse_kiosk_config(config_with(R"("screen": {"rotation": 180})"), "kiosk.json", "/");
    REQUIRE(upside_down.ok());
    CHECK(upside_down->screen_width() == 1920);
    CHECK(upside_down->output_width() == 1920);

    auto unrotated = parse_kiosk_config(config_with(R"("screen": {"orientation": "portrait"})"), "kiosk.json", "/");
    REQUIRE(unrotated.ok());
    CHECK(unrotated->screen.rotation == 0);
    CHECK(unrotated->output_width() == 1080);

    auto crooked = parse_kiosk_config(config_with(R"("screen": {"rotation": 45})"), "kiosk.json", "/");
    REQUIRE_FALSE(crooked.ok());
    CHECK(crooked.problem().field == "screen.rotation");
    CHECK_THAT(crooked.problem().reason, Catch::Contains("0, 90, 180 or 270"));
}

TEST_CASE("the ticker is off unless the config has one", "[kiosk][config]") {
    auto plain = parse_kiosk_config(config_with(R"("place_name": "P")"), "kiosk.json", "/");
    REQUIRE(plain.ok());
    CHECK_FALSE(plain->ticker.enabled);

    auto ticker = parse_kiosk_config(
        config_with(R"("ticker": {"announcements": false, "messages": ["Lịch tiếp công dân: thứ Năm", "<b>Đường dây nóng</b>"]})"),
        "kiosk.json", "/");
    REQUIRE(ticker.ok());
    CHECK(ticker->ticker.enabled);
    CHECK_FALSE(ticker->ticker.announcements);
    CHECK(ticker->ticker.messages == std::vector<std::string>{"Lịch tiếp công dân: thứ Năm", "Đường dây nóng"});

    auto off = parse_kiosk_config(config_with(R"("ticker": {"enabled": false})"), "kiosk.json", "/");
    REQUIRE(off.ok());
    CHECK_FALSE(off->ticker.enabled);

    auto wrong = parse_kiosk_config(config_with(R"("ticker": {"messages": "Một dòng"})"), "kiosk.json", "/");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.problem().field == "ticker.messages");
    auto not_flag = parse_kiosk_config(config_with(R"("ticker": {"enabled": "yes"})"), "kiosk.json", "/");
    REQUIRE_FALSE(not_flag.ok());
    CHECK(not_flag.problem().field == "ticker.enabled");
}
