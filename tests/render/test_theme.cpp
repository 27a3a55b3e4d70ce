// Theme files: the shipped default, partial overrides, and bad input with a clear reason.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "render/theme.hpp"
#include "support/build_paths.hpp"

using namespace bangvang::render;

namespace {
std::string read_file(const std::filesystem::path& path) {
    std::ifstream file(path);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

bool same(SDL_Color a, SDL_Color b) { return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a; }
}  // namespace

TEST_CASE("the shipped default.json is the built-in default theme", "[render][theme]") {
    const auto path = std::filesystem::path(bangvang::testing::paths::checkout) / "assets/themes/default.json";
    auto parsed = parse_theme(read_file(path), path.string());
    REQUIRE(parsed.ok());
    const Theme expected = default_theme();
    CHECK(parsed->name == expected.name);
    CHECK(same(parsed->colours.header_top, expected.colours.header_top));
    CHECK(same(parsed->colours.gold, expected.colours.gold));
    CHECK(same(parsed->colours.background, expected.colours.background));
    CHECK(same(parsed->colours.placeholder_figure, expected.colours.placeholder_figure));
    CHECK(parsed->fonts.regular == expected.fonts.regular);
    CHECK(parsed->fonts.bold == expected.fonts.bold);
    CHECK(parsed->metrics.header_height == Approx(expected.metrics.header_height));
    CHECK(parsed->text.body == Approx(expected.text.body));
    CHECK(parsed->text.display == Approx(expected.text.display));
    CHECK(std::filesystem::exists(parsed->fonts.regular));
    CHECK(std::filesystem::exists(parsed->fonts.bold));
}

TEST_CASE("a theme overrides only what it names", "[render][theme]") {
    auto parsed = parse_theme(R"({"colours": {"header_top": "#004080", "gold": "#FFCC00CC"},
                                  "text": {"body": 0.04}, "future_member": {"ignored": true}})",
                              "blue.json");
    REQUIRE(parsed.ok());
    CHECK(same(parsed->colours.header_top, SDL_Color{0x00, 0x40, 0x80, 0xFF}));
    CHECK(same(parsed->colours.gold, SDL_Color{0xFF, 0xCC, 0x00, 0xCC}));
    CHECK(parsed->text.body == Approx(0.04));
    CHECK(same(parsed->colours.background, default_theme().colours.background));
    CHECK(parsed->metrics.margin == Approx(default_theme().metrics.margin));
}

TEST_CASE("bad theme files are rejected with the field and the reason", "[render][theme]") {
    struct Case {
        const char* json;
        const char* field;
        const char* reason_part;
    };
    const Case cases[] = {
        {"not json", "", "not valid JSON"},
        {"[1, 2]", "", "not a JSON object"},
        {R"({"format": "bangvang.theme/2"})", "format", "bangvang.theme/1"},
        {R"({"colours": "red"})", "colours", "JSON object"},
        {R"({"colours": {"gold": "gold"}})", "colours.gold", "#RRGGBB"},
        {R"({"colours": {"gold": "#12345G"}})", "colours.gold", "#RRGGBB"},
        {R"({"colours": {"gold": 255}})", "colours.gold", "string"},
        {R"({"fonts": {"bold": ""}})", "fonts.bold", "non-empty path"},
        {R"({"metrics": {"margin": -0.1}})", "metrics.margin", "greater than 0"},
        {R"({"metrics": {"margin": "wide"}})", "metrics.margin", "number"},
        {R"({"text": {"body": 0.9}})", "text.body", "at most"},
        {R"({"text": {"body": 0.02, "body_min": 0.03}})", "text.body_min", "not be larger"},
        {R"({"metrics": {"header_height": 0.3, "footer_height": 0.3}})", "metrics", "40%"},
        {R"({"name": 7})", "name", "string"},
    };
    for (const Case& bad : cases) {
        INFO(bad.json);
        auto parsed = parse_theme(bad.json, "themes/bad.json");
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.problem().where == "themes/bad.json");
        CHECK(parsed.problem().field == bad.field);
        CHECK_THAT(parsed.problem().reason, Catch::Contains(bad.reason_part));
    }
}

TEST_CASE("load_theme_file reads a file and resolves relative font paths", "[render][theme]") {
    const auto dir = std::filesystem::path(bangvang::testing::paths::build) / "render-test" / "theme";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "local.json") << R"({"fonts": {"regular": "fonts/Regular.ttf"}})";
    Theme theme = load_theme_file(dir / "local.json");
    CHECK(theme.fonts.regular == dir / "fonts/Regular.ttf");
    CHECK(theme.fonts.bold == default_theme().fonts.bold);

    CHECK_THROWS_WITH(load_theme_file(dir / "absent.json"), Catch::Contains("absent.json"));
    std::ofstream(dir / "broken.json") << R"({"colours": {"gold": "yellow"}})";
    CHECK_THROWS_WITH(load_theme_file(dir / "broken.json"), Catch::Contains("colours.gold"));
}
