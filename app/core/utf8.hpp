#pragma once
// The one reader of UTF-8 for text the project shows or checks: utf8proc's decoder,
// which refuses overlong, surrogate and out-of-range sequences as well as stray bytes.
// What an invalid byte means differs per caller (an error for staff text, U+FFFD on a
// screen, "missing" for glyph coverage), so callers see `valid` and decide.
// render/wrapped_text_size keeps its own decoder on purpose: it must count bytes
// exactly as SDL_ttf's reader does, invalid ones included.
#include <cstddef>
#include <string_view>
#include <type_traits>

namespace bangvang::core {

struct Utf8Character {
    char32_t code_point = 0;  // U+FFFD when not valid
    std::size_t length = 0;   // bytes taken; 1 for an invalid byte, so loops always advance
    bool valid = false;
};

// The character starting at byte `position` (< text.size()).
Utf8Character decode_utf8_at(std::string_view text, std::size_t position);

// Calls visit(character, its bytes) for each character in order. When visit returns a
// bool, false stops the walk.
template <typename Visit>
void for_each_utf8_character(std::string_view text, Visit visit) {
    for (std::size_t position = 0; position < text.size();) {
        const Utf8Character character = decode_utf8_at(text, position);
        const std::string_view bytes = text.substr(position, character.length);
        position += character.length;
        if constexpr (std::is_same_v<std::invoke_result_t<Visit, const Utf8Character&, std::string_view>, bool>) {
            if (!visit(character, bytes)) return;
        } else {
            visit(character, bytes);
        }
    }
}

}  // namespace bangvang::core
