// Renditions in the manifest (content/FORMAT.md "Renditions"): parsed, written back,
// refused when they are not a smaller copy, and chosen per screen by the pure chooser.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/manifest_parser.hpp"
#include "core/manifest_writer.hpp"
#include "core/rendition_choice.hpp"

using namespace bangvang::core;
using nlohmann::json;

namespace {

const std::string original = std::string(64, 'a');
const std::string large = std::string(64, 'b');
const std::string small = std::string(64, 'c');

// A 1920x1440 photo with two renditions; boxes as a publisher measured them.
json camera_entry() {
    json entry = json::parse(R"JSON({"size": 400000, "width": 1920, "height": 1440, "type": "image/jpeg",
      "renditions": [{"size": 90000, "width": 1008, "height": 756},
                     {"size": 20000, "width": 416, "height": 312}],
      "boxes": [{"screen": "1920x1080", "width": 600, "height": 750},
                {"screen": "800x480", "width": 250, "height": 310},
                {"screen": "1080x1920", "width": 1000, "height": 1200}]})JSON");
    entry["sha256"] = original;
    entry["renditions"][0]["sha256"] = large;
    entry["renditions"][1]["sha256"] = small;
    return entry;
}

json manifest_with(const json& entry) {
    json manifest = json::parse(R"JSON({
      "format": "bangvang.feed/1",
      "source": {"id": "quan-thanh-xuan", "name": "UBND quận Thanh Xuân"},
      "version": 3, "issued_at": "2024-11-20T08:00:00+07:00", "expires_at": "2025-01-20T08:00:00+07:00",
      "items": [{"id": "story-a", "kind": "story",
                 "story": {"name": "Nguyễn Thị Hoa", "headline": "Người giữ lửa", "body": ["Đoạn một."]}}]})JSON");
    manifest["media"] = json::array({entry});
    manifest["items"][0]["story"]["photo"] = original;
    return manifest;
}

Manifest parsed(const json& manifest) {
    Result<Manifest> result = parse_manifest(manifest.dump(), "feed test");
    INFO((result ? std::string() : result.problem().message()));
    REQUIRE(result);
    return *result;
}

std::string refusal(const json& manifest) {
    Result<Manifest> result = parse_manifest(manifest.dump(), "feed test");
    REQUIRE_FALSE(result);
    return result.problem().message();
}

}  // namespace

TEST_CASE("renditions and boxes are read, and written back the same", "[core][manifest][renditions]") {
    const Manifest manifest = parsed(manifest_with(camera_entry()));
    REQUIRE(manifest.media.size() == 1);
    const MediaRef& media = manifest.media.front();
    REQUIRE(media.renditions.size() == 2);
    CHECK(media.renditions[0].sha256 == large);
    CHECK(media.renditions[1].width == 416);
    CHECK(media.renditions[1].size_bytes == 20000);
    REQUIRE(media.boxes.size() == 3);
    CHECK(media.boxes[1] == MediaBox{.screen_width = 800, .screen_height = 480, .width = 250, .height = 310});

    const Manifest again = parsed(json::parse(write_manifest(manifest)));
    REQUIRE(again.media.size() == 1);
    CHECK(again.media.front().renditions.size() == 2);
    CHECK(again.media.front().renditions[1].sha256 == small);
    CHECK(again.media.front().boxes == media.boxes);
}

TEST_CASE("a manifest without renditions reads as before", "[core][manifest][renditions]") {
    json entry = camera_entry();
    entry.erase("renditions");
    entry.erase("boxes");
    const Manifest manifest = parsed(manifest_with(entry));
    CHECK(manifest.media.front().renditions.empty());
    CHECK(choose_rendition(manifest.media.front(), ScreenSize{1920, 1080}) == nullptr);
}

TEST_CASE("a rendition that is not a smaller copy is refused, naming it", "[core][manifest][renditions]") {
    json larger = camera_entry();
    larger["renditions"][0]["width"] = 2000;
    CHECK_THAT(refusal(manifest_with(larger)), Catch::Contains("media[0]") && Catch::Contains("renditions[0].width"));

    json same = camera_entry();
    same["renditions"][1]["width"] = 1920;
    same["renditions"][1]["height"] = 1440;
    CHECK_THAT(refusal(manifest_with(same)), Catch::Contains("must be smaller"));

    json twice = camera_entry();
    twice["renditions"][1]["sha256"] = large;
    CHECK_THAT(refusal(manifest_with(twice)), Catch::Contains("listed twice"));

    json itself = camera_entry();
    itself["renditions"][1]["sha256"] = original;
    CHECK_THAT(refusal(manifest_with(itself)), Catch::Contains("both as a picture and as a rendition"));

    json bad_screen = camera_entry();
    bad_screen["boxes"][0]["screen"] = "1920 x 1080";
    CHECK_THAT(refusal(manifest_with(bad_screen)), Catch::Contains("boxes[0].screen"));
}

TEST_CASE("choose_rendition: the smallest rendition covering the screen's box, else the original",
          "[core][renditions]") {
    const Manifest manifest = parsed(manifest_with(camera_entry()));
    const MediaRef& media = manifest.media.front();
    const Rendition* landscape = choose_rendition(media, ScreenSize{1920, 1080});
    REQUIRE(landscape != nullptr);
    CHECK(landscape->sha256 == large);  // 416x312 is under 600x750
    const Rendition* panel = choose_rendition(media, ScreenSize{800, 480});
    REQUIRE(panel != nullptr);
    CHECK(panel->sha256 == small);
    // Nothing smaller covers 1000x1200 (1008x756 is too short): the original.
    CHECK(choose_rendition(media, ScreenSize{1080, 1920}) == nullptr);
    // No box measured for this screen, or no screen known: the original.
    CHECK(choose_rendition(media, ScreenSize{1280, 720}) == nullptr);
    CHECK(choose_rendition(media, ScreenSize{}) == nullptr);
}

TEST_CASE("with_chosen_renditions: the kiosk's manifest names the chosen file", "[core][renditions]") {
    const Manifest manifest = parsed(manifest_with(camera_entry()));
    const Manifest panel = with_chosen_renditions(manifest, ScreenSize{800, 480});
    REQUIRE(panel.media.size() == 1);
    CHECK(panel.media.front().sha256 == small);
    CHECK(panel.media.front().size_bytes == 20000);
    CHECK(panel.media.front().width == 416);
    CHECK(panel.media.front().mime_type == "image/jpeg");
    CHECK(panel.media.front().renditions.empty());
    CHECK(std::get<Story>(panel.items.front().content).photo == small);
    CHECK(media_used_by(panel.items.front()) == std::vector<std::string>{small});

    const Manifest portrait = with_chosen_renditions(manifest, ScreenSize{1080, 1920});
    CHECK(portrait.media.front().sha256 == original);
    CHECK(std::get<Story>(portrait.items.front().content).photo == original);
}

TEST_CASE("a rendition cut for one screen is read back, checked, and chosen on that screen only",
          "[core][manifest][renditions]") {
    // 1920x1440 drawn into a 600x750 box at 1920x1080: the cover crop keeps 1152x1440 of it.
    json entry = camera_entry();
    entry["renditions"].push_back(json::parse(R"JSON({"size": 50000, "width": 600, "height": 750,
        "screen": "1920x1080", "crop": {"x": 384, "y": 0, "width": 1152, "height": 1440}})JSON"));
    entry["renditions"][2]["sha256"] = std::string(64, 'd');
    entry["boxes"].push_back(json::parse(R"JSON({"screen": "1280x720", "width": 500, "height": 600})JSON"));
    const Manifest manifest = parsed(manifest_with(entry));
    const MediaRef& media = manifest.media.front();
    REQUIRE(media.renditions.size() == 3);
    const Rendition& cut = media.renditions[2];
    CHECK(cut.screen_width == 1920);
    CHECK(cut.screen_height == 1080);
    REQUIRE(cut.crop);
    CHECK(*cut.crop == MediaCrop{.x = 384, .y = 0, .width = 1152, .height = 1440});
    CHECK_FALSE(media.renditions[0].crop);

    // Chosen on its screen (fewer pixels than 1008x756, and it covers the box) ...
    const Rendition* landscape = choose_rendition(media, ScreenSize{1920, 1080});
    REQUIRE(landscape != nullptr);
    CHECK(landscape->sha256 == std::string(64, 'd'));
    // ... and nowhere else: at 1280x720 it would cover the box with the fewest pixels, but
    // it shows another part of the picture than the kiosk's crop there.
    const Rendition* other = choose_rendition(media, ScreenSize{1280, 720});
    REQUIRE(other != nullptr);
    CHECK(other->sha256 == large);

    const Manifest again = parsed(json::parse(write_manifest(manifest)));
    REQUIRE(again.media.front().renditions.size() == 3);
    CHECK(again.media.front().renditions[2].crop == cut.crop);
    CHECK(again.media.front().renditions[2].screen_width == 1920);

    json alone = entry;
    alone["renditions"][2].erase("crop");
    CHECK_THAT(refusal(manifest_with(alone)), Catch::Contains("renditions[2].screen") && Catch::Contains("together"));
    json outside = entry;
    outside["renditions"][2]["crop"]["width"] = 1600;
    CHECK_THAT(refusal(manifest_with(outside)), Catch::Contains("renditions[2].crop.width"));
    json enlarged = entry;
    enlarged["renditions"][2]["crop"] = {{"x", 0}, {"y", 0}, {"width", 300}, {"height", 375}};
    CHECK_THAT(refusal(manifest_with(enlarged)), Catch::Contains("never enlarged"));
}
