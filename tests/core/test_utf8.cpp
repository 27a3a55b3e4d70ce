#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/utf8.hpp"

using namespace bangvang::core;

TEST_CASE("decode_utf8_at reads Vietnamese letters, emoji and stray bytes", "[text][utf8]") {
    const std::string text = "\xE1\xBB\x85" "a\xF0\x9F\x8E\x89";  // ễ a 🎉
    const Utf8Character first = decode_utf8_at(text, 0);
    CHECK(first.valid);
    CHECK(first.code_point == U'\u1EC5');
    CHECK(first.length == 3);
    CHECK(decode_utf8_at(text, 3).code_point == U'a');
    const Utf8Character emoji = decode_utf8_at(text, 4);
    CHECK(emoji.code_point == U'\U0001F389');
    CHECK(emoji.length == 4);

    // A continuation byte alone, an overlong '/', a surrogate, a cut sequence.
    for (const std::string& bad : {std::string("\x80"), std::string("\xC0\xAF"), std::string("\xED\xA0\x80"),
                                  std::string("\xE1\xBB")}) {
        const Utf8Character character = decode_utf8_at(bad, 0);
        CHECK_FALSE(character.valid);
        CHECK(character.code_point == U'\uFFFD');
        CHECK(character.length == 1);
    }
}

TEST_CASE("for_each_utf8_character visits every byte once and can stop early", "[text][utf8]") {
    const std::string text = "L\xC3\xAA\xFFV";  // L ê <stray> V
    std::vector<char32_t> seen;
    std::string rebuilt;
    for_each_utf8_character(text, [&](const Utf8Character& character, std::string_view bytes) {
        seen.push_back(character.code_point);
        rebuilt += bytes;
    });
    CHECK(seen == std::vector<char32_t>{U'L', U'\u00EA', U'\uFFFD', U'V'});
    CHECK(rebuilt == text);

    int visited = 0;
    for_each_utf8_character(text, [&](const Utf8Character& character, std::string_view) {
        ++visited;
        return character.valid;
    });
    CHECK(visited == 3);
}
