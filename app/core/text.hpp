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
// Steps: reject invalid UTF-8; strip_markup; reject control characters (C0 other than
// "\n" and "\t", DEL, C1), including ones smuggled in as "&#1;"; normalise to NFC.
// "\r\n" and a lone "\r" count as line breaks.
Result<std::string> clean_text(std::string_view raw, std::string_view where, std::string_view field);

// Removes real markup (html_tag.hpp: tags of known HTML elements, <script>…</script>
// with its content, comments; "Lê Văn <Tí>" and "3 < 5" are text and stay) and decodes the
// common entities (&amp; &lt; &gt; &quot; &apos; &#39; &nbsp; -> U+00A0, &ndash; &mdash;
// &hellip; &laquo; &raquo; &copy;, &#NNN; and &#xHH;); unknown entities stay literal.
// <br>, </p>, <div>, <li>, <h1>…<h6> end a line. Collapses runs of spaces and tabs,
// trims every line, keeps at most one empty line between paragraphs ("\n\n").
std::string strip_markup(std::string_view text);

// Whether strip_markup reads text[position] ('<' or '&') as the start of markup (a
// real tag, a comment, an entity it decodes) rather than as a character to show. The
// feed writer escapes exactly these, so that written text reads back unchanged.
bool starts_markup(std::string_view text, std::size_t position);

bool is_valid_utf8(std::string_view text);
bool is_nfc(std::string_view text);
std::string to_nfc(std::string_view valid_utf8);

// Number of user-perceived characters (grapheme clusters), for length limits.
std::size_t grapheme_count(std::string_view valid_utf8);

}  // namespace bangvang::core
