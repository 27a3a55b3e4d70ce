#include <catch2/catch.hpp>

#include "kiosk/kiosk_config.hpp"

using bangvang::kiosk::Orientation;
using bangvang::kiosk::parse_kiosk_config;

namespace {
const char* const valid_config = R"({
  "kiosk_id": "tx-nhan-chinh-01",
  "site": "phuong-nhan-chinh",
  "place_name": "UBND phường Nhân Chính",
  "tags": ["phuong", "quan-thanh-xuan"],
  "utc_offset": "+07:00",
  "cache_directory": "cache",
  "theme": "/usr/share/bangvang/themes/default.json",
  "screen": {"width": 1920, "height": 1080, "orientation": "portrait"},
  "sources": [{"id": "quan-thanh-xuan", "url": "file:///media/usb/feed", "keys": ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="]},
              {"id": "truong-thcs", "url": "feeds/school", "keys": ["//////////////////////////////////////////8="]},
              {"id": "phuong-nhan-chinh", "url": "https://portal.example/feeds/nhan-chinh",
               "keys": ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="], "report_url": "https://portal.example/report"}],
  "sync": {"interval_seconds": 120, "ca_file": "ca.pem", "pinned_public_key": "sha256//AAAA"},
  "a_future_field": {"ignored": true}
})";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

void require_problem(const std::string& json, const std::string& field, const std::string& reason_part) {
    auto config = parse_kiosk_config(json, "kiosk.json", "/etc/bangvang");
    INFO(json);
    REQUIRE_FALSE(config.ok());
    CHECK(config.problem().where == "kiosk.json");
    CHECK(config.problem().field == field);
    CHECK_THAT(config.problem().reason, Catch::Contains(reason_part));
}
}  // namespace

TEST_CASE("a complete kiosk config is read with paths resolved against its folder", "[kiosk][config]") {
    auto config = parse_kiosk_config(valid_config, "kiosk.json", "/etc/bangvang");
    REQUIRE(config.ok());
    CHECK(config->identity.kiosk_id == "tx-nhan-chinh-01");
    CHECK(config->identity.site == "phuong-nhan-chinh");
    CHECK(config->identity.tags == std::vector<std::string>{"phuong", "quan-thanh-xuan"});
    CHECK(config->place_name == "UBND phường Nhân Chính");
    CHECK(config->utc_offset_minutes == 420);
    CHECK(config->cache_directory == "/etc/bangvang/cache");
    CHECK(config->screen.orientation == Orientation::portrait);
    CHECK(config->screen_width() == 1080);
    CHECK(config->screen_height() == 1920);
    CHECK(config->screen.transition_frames_per_second == 30);
    REQUIRE(config->sources.size() == 3);
    CHECK(config->sources[0].feed_directory == "/media/usb/feed");
    CHECK(config->sources[1].feed_directory == "/etc/bangvang/feeds/school");
    CHECK_FALSE(config->sources[1].is_remote());
    REQUIRE(config->sources[1].keys.size() == 1);
    CHECK(config->sources[1].keys[0].to_base64() == "//////////////////////////////////////////8=");
    CHECK(config->sources[2].is_remote());
    CHECK(config->sources[2].url == "https://portal.example/feeds/nhan-chinh");
    CHECK(config->sources[2].report_url == "https://portal.example/report");
    CHECK(config->sync.interval_seconds == 120);
    CHECK(config->sync.ca_file == "/etc/bangvang/ca.pem");
    CHECK(config->sync.pinned_public_key == "sha256//AAAA");
}

TEST_CASE("a minimal config takes defaults", "[kiosk][config]") {
    auto config = parse_kiosk_config(R"({"kiosk_id": "k1", "site": "s", "cache_directory": "/var/lib/bangvang"})",
                                     "kiosk.json", "/");
    REQUIRE(config.ok());
    CHECK(config->place_name == "s");
    CHECK(config->screen_width() == 1920);
    CHECK(config->utc_offset_minutes == 7 * 60);
    CHECK(config->sources.empty());
    CHECK(config->theme_file.empty());
}

TEST_CASE("a member given as null is not given: it takes the default", "[kiosk][config]") {
    auto config = parse_kiosk_config(R"({"kiosk_id": "k1", "site": "s", "cache_directory": "/var/lib/bangvang",
                                         "place_name": null, "screen": {"width": null}, "ticker": null})",
                                     "kiosk.json", "/");
    REQUIRE(config.ok());
    CHECK(config->place_name == "s");
    CHECK(config->screen_width() == 1920);
    CHECK(config->ticker.enabled == bangvang::kiosk::KioskConfig{}.ticker.enabled);
}

TEST_CASE("config mistakes are refused naming the field and the reason", "[kiosk][config]") {
    require_problem("{not json", "", "not valid JSON");
    require_problem("[1, 2]", "", "JSON object");
    require_problem(replaced(valid_config, R"("kiosk_id": "tx-nhan-chinh-01",)", ""), "kiosk_id", "missing");
    require_problem(replaced(valid_config, "tx-nhan-chinh-01", "Kiosk Số 1"), "kiosk_id", "lowercase");
    // One identifier rule (core/identifier.hpp): a site no feed's audience can name is refused.
    require_problem(replaced(valid_config, R"("site": "phuong-nhan-chinh")", R"("site": "truong.thcs")"), "site",
                    "as a feed's audience names it");
    require_problem(replaced(valid_config, R"("phuong", )", R"("-phuong", )"), "tags[0]", "not starting with '-'");
    require_problem(replaced(valid_config, R"("cache_directory": "cache",)", ""), "cache_directory", "missing");
    require_problem(replaced(valid_config, "+07:00", "7"), "utc_offset", "+07:00");
    require_problem(replaced(valid_config, R"("width": 1920)", R"("width": "wide")"), "screen.width", "whole number");
    require_problem(replaced(valid_config, R"("height": 1080)", R"("height": 99999)"), "screen.height", "between");
    require_problem(replaced(valid_config, "portrait", "sideways"), "screen.orientation", "landscape");
    require_problem(replaced(valid_config, R"("height": 1080)", R"("height": 1080, "transition_frames_per_second": 500)"),
                    "screen.transition_frames_per_second", "between");
    require_problem(replaced(valid_config, "file:///media/usb/feed", "ftp://example/feed"), "sources[0].url",
                    "file://");
    require_problem(replaced(valid_config, R"(, "keys": ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="]})", "}"),
                    "sources[0].keys", "public key");
    require_problem(replaced(valid_config, "//////////////////////////////////////////8=", "bm90IGEga2V5"),
                    "sources[1].keys[0]", "32 bytes");
    require_problem(replaced(valid_config, "https://portal.example/report", "mailto:x"), "sources[2].report_url",
                    "https://");
    require_problem(replaced(valid_config, "sha256//AAAA", "AAAA"), "sync.pinned_public_key", "sha256//");
    require_problem(replaced(valid_config, R"("id": "truong-thcs")", R"("id": "quan-thanh-xuan")"),
                    "sources[1].id", "repeats");
    require_problem(replaced(valid_config, R"("phuong", )", "42, "), "tags[0]", "string");
    // An empty id names nothing (#12): refused like a missing one, naming the field.
    require_problem(replaced(valid_config, R"("id": "truong-thcs")", R"("id": "")"), "sources[1].id", "is empty");
    require_problem(replaced(valid_config, R"("id": "truong-thcs")", R"("id": "  ")"), "sources[1].id", "is empty");
    require_problem(replaced(valid_config, R"("site": "phuong-nhan-chinh")", R"("site": "")"), "site", "is empty");
    require_problem(replaced(valid_config, "UBND phường Nhân Chính", "UBND \\u0007"), "place_name", "control");
    // nlohmann refuses invalid UTF-8 inside strings while parsing.
    require_problem(replaced(valid_config, "UBND phường Nhân Chính", "\xC3\x28"), "", "not valid JSON");
}

TEST_CASE("a config file that cannot be read is a problem naming the file", "[kiosk][config]") {
    auto config = bangvang::kiosk::load_kiosk_config("/nonexistent/kiosk.json");
    REQUIRE_FALSE(config.ok());
    CHECK(config.problem().where == "/nonexistent/kiosk.json");
    CHECK_THAT(config.problem().reason, Catch::Contains("cannot be opened"));
}
