// The one contract for reading a JSON document's members (core/json_field_reader.hpp):
// absent or null is "not given", a wrong type or a value out of range is a problem
// naming the file and the JSON path, the first problem stops the read, and read_fields
// hands it to the caller as a Result.
#include <catch2/catch.hpp>

#include "core/bounded_json.hpp"
#include "core/json_field_reader.hpp"

using namespace bangvang::core;

namespace {

struct Settings {
    std::int64_t width = 0;
    bool enabled = false;
};

Result<Settings> read_settings(std::string_view bytes) {
    const Result<nlohmann::json> document = read_json(bytes, "kiosk.json");
    if (!document) return document.problem();
    const JsonFieldReader reader{"kiosk.json"};
    return read_fields([&] {
        Settings settings;
        const nlohmann::json* screen = reader.optional_object(*document, "screen", "screen");
        if (screen != nullptr) settings.width = reader.integer_or(*screen, "width", "screen.width", 1920, 320, 7680);
        settings.enabled = reader.boolean_or(*document, "enabled", "enabled", true);
        return settings;
    });
}

}  // namespace

TEST_CASE("a member that is absent or null takes the caller's default", "[json_field_reader]") {
    for (const char* given : {R"({})", R"({"screen": null, "enabled": null})", R"({"screen": {"width": null}})"}) {
        INFO(given);
        const Result<Settings> settings = read_settings(given);
        REQUIRE(settings.ok());
        CHECK(settings->enabled);
    }
    CHECK(read_settings(R"({"screen": {"width": null}})")->width == 1920);
    CHECK(read_settings(R"({"screen": {"width": 800}, "enabled": false})")->width == 800);
}

TEST_CASE("a wrong type or a value out of range is the first problem, naming the file and the path",
          "[json_field_reader]") {
    const auto refused = [](std::string_view bytes) {
        const Result<Settings> settings = read_settings(bytes);
        REQUIRE_FALSE(settings.ok());
        CHECK(settings.problem().where == "kiosk.json");
        return settings.problem();
    };
    CHECK(refused(R"({"screen": 3})").field == "screen");
    CHECK_THAT(refused(R"({"screen": 3})").reason, Catch::Contains("must be an object, not a number"));
    CHECK(refused(R"({"screen": {"width": "wide"}})").field == "screen.width");
    CHECK_THAT(refused(R"({"screen": {"width": 99999}})").reason, Catch::Contains("between 320 and 7680"));
    CHECK_THAT(refused(R"({"enabled": "yes"})").reason, Catch::Contains("true or false"));
    // Both are wrong: the first read is the one reported.
    CHECK(refused(R"({"enabled": 1, "screen": {"width": 1}})").field == "screen.width");
    // The bounded parse comes first for every reader: a document nested too deep never reaches it.
    const std::string deep = "{\"screen\": " + std::string(100, '[') + std::string(100, ']') + "}";
    CHECK_THAT(refused(deep).reason, Catch::Contains("nested deeper than 64 levels"));
}
