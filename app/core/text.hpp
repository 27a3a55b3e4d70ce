#pragma once
// Every string that reaches the screen passes through here: it must be valid UTF-8,
// is normalised to NFC (SDL_ttf wraps decomposed text too early), and loses any
// markup: the feed is plain text, never HTML.
#include <string>
#include <string_view>

#include "result.hpp"

namespace bangvang::core {

// Returns the cleaned text, or a Problem whose reason says why (invalid UTF-8,
// control characters). `where`/`field` are copied into the Problem.
Result<std::string> clean_text(std::string_view raw, std::string_view where, std::string_view field);

// Removes tags (<b>, <script>…</script> with its content) and decodes the common
// entities; collapses runs of spaces; keeps paragraph breaks ("\n").
std::string strip_markup(std::string_view text);

bool is_valid_utf8(std::string_view text);
bool is_nfc(std::string_view text);
std::string to_nfc(std::string_view valid_utf8);

// Number of user-perceived characters (grapheme clusters), for length limits.
std::size_t grapheme_count(std::string_view valid_utf8);

}  // namespace bangvang::core
