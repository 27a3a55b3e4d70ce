// The one JSON reader (core/bounded_json.hpp): byte cap, depth cap, NUL bytes, and
// nlohmann's own errors, each a Problem naming the document.
#include <catch2/catch.hpp>

#include "core/bounded_json.hpp"

using namespace bangvang::core;

TEST_CASE("read_json refuses what is too large, too deep or not JSON, naming the file", "[bounded_json]") {
    const auto refused = [](const auto& result) {
        REQUIRE_FALSE(result.ok());
        CHECK(result.problem().where == "kiosk.json");
        return result.problem().reason;
    };
    CHECK_THAT(refused(read_json(std::string(11, ' '), "kiosk.json", {.max_bytes = 10})),
               Catch::StartsWith("is too large: 11 bytes, at most 10"));
    const std::string deep = "{\"a\": " + std::string(100'000, '[') + std::string(100'000, ']') + "}";
    CHECK_THAT(refused(read_json(deep, "kiosk.json")),
               Catch::StartsWith("is not valid JSON: nested deeper than 64 levels") && Catch::Contains("lồng nhau"));
    CHECK_THAT(refused(read_ordered_json(deep, "kiosk.json")), Catch::Contains("nested deeper than 64 levels"));
    CHECK_THAT(refused(read_json(std::string("123\0", 4), "kiosk.json")), Catch::Contains("NUL byte at offset 3"));
    // nlohmann names a control character as <U+0001>: the raw byte never reaches a log line.
    CHECK_THAT(refused(read_json("{\"a\": \x01}", "kiosk.json")),
               Catch::StartsWith("is not valid JSON: ") && Catch::Contains("<U+0001>") && !Catch::Contains("\x01"));

    // 64 levels are fine, and brackets inside strings do not count.
    const std::string sixty_four = std::string(64, '[') + std::string(64, ']');
    CHECK(read_json(sixty_four, "x").ok());
    CHECK_FALSE(read_json("[" + sixty_four + "]", "x").ok());
    const auto quoted = read_json("{\"a\": \"" + std::string(1000, '[') + "\\\"{{\"}", "x");
    REQUIRE(quoted.ok());
    CHECK((*quoted)["a"].get<std::string>().size() == 1003);
    const auto ordered = read_ordered_json(R"({"b": 1, "a": 2})", "x");
    REQUIRE(ordered.ok());
    CHECK(ordered->begin().key() == "b");
}
