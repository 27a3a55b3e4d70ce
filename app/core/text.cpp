#include "core/text.hpp"

#include "core/html_tag.hpp"
#include "core/utf8.hpp"

#include <utf8proc.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <utility>

namespace bangvang::core {

namespace {

struct Utf8procBufferDeleter {
    void operator()(utf8proc_uint8_t* buffer) const { std::free(buffer); }
};
using Utf8procBufferPtr = std::unique_ptr<utf8proc_uint8_t, Utf8procBufferDeleter>;

const utf8proc_uint8_t* as_bytes(std::string_view text) {
    return reinterpret_cast<const utf8proc_uint8_t*>(text.data());
}

// The code point at `position` and its length; nullopt for anything utf8proc refuses.
std::optional<std::pair<utf8proc_int32_t, std::size_t>> next_code_point(std::string_view text, std::size_t position) {
    const Utf8Character character = decode_utf8_at(text, position);
    if (!character.valid) return std::nullopt;
    return std::pair{static_cast<utf8proc_int32_t>(character.code_point), character.length};
}

void append_utf8(std::string& out, utf8proc_int32_t code_point) {
    utf8proc_uint8_t buffer[4];
    const utf8proc_ssize_t length = utf8proc_encode_char(code_point, buffer);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

char lower_ascii(char character) {
    return (character >= 'A' && character <= 'Z') ? static_cast<char>(character - 'A' + 'a') : character;
}

bool starts_with_ignoring_case(std::string_view text, std::size_t position, std::string_view prefix) {
    if (position + prefix.size() > text.size()) return false;
    for (std::size_t index = 0; index < prefix.size(); ++index) {
        if (lower_ascii(text[position + index]) != prefix[index]) return false;
    }
    return true;
}

std::size_t find_ignoring_case(std::string_view text, std::size_t from, std::string_view needle) {
    for (std::size_t position = from; position + needle.size() <= text.size(); ++position) {
        if (starts_with_ignoring_case(text, position, needle)) return position;
    }
    return std::string_view::npos;
}

bool is_ascii_letter(char character) {
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z');
}

bool is_tag_name_end(char character) {
    return !(is_ascii_letter(character) || (character >= '0' && character <= '9'));
}

std::string tag_name(std::string_view tag_body) {
    std::string name;
    std::size_t position = (!tag_body.empty() && tag_body[0] == '/') ? 1 : 0;
    while (position < tag_body.size() && !is_tag_name_end(tag_body[position])) {
        name += lower_ascii(tag_body[position++]);
    }
    return name;
}

// Tags after which a reader expects a new line.
bool breaks_line(std::string_view name) {
    static constexpr std::array<std::string_view, 12> block_tags = {"br", "p",  "div", "li", "h1", "h2",
                                                                    "h3", "h4", "h5",  "h6", "tr", "blockquote"};
    for (std::string_view block : block_tags) {
        if (block == name) return true;
    }
    return false;
}

std::optional<utf8proc_int32_t> named_entity(std::string_view name) {
    static constexpr std::array<std::pair<std::string_view, utf8proc_int32_t>, 12> entities = {{
        {"amp", '&'},
        {"lt", '<'},
        {"gt", '>'},
        {"quot", '"'},
        {"apos", '\''},
        {"nbsp", 0x00A0},
        {"ndash", 0x2013},
        {"mdash", 0x2014},
        {"hellip", 0x2026},
        {"laquo", 0x00AB},
        {"raquo", 0x00BB},
        {"copy", 0x00A9},
    }};
    for (const auto& [entity_name, code_point] : entities) {
        if (entity_name == name) return code_point;
    }
    return std::nullopt;
}

std::optional<utf8proc_int32_t> numeric_entity(std::string_view digits) {
    int base = 10;
    if (!digits.empty() && (digits[0] == 'x' || digits[0] == 'X')) {
        base = 16;
        digits.remove_prefix(1);
    }
    if (digits.empty() || digits.size() > 8) return std::nullopt;
    std::int64_t value = 0;
    for (char character : digits) {
        int digit = -1;
        if (character >= '0' && character <= '9') digit = character - '0';
        else if (base == 16 && lower_ascii(character) >= 'a' && lower_ascii(character) <= 'f') digit = lower_ascii(character) - 'a' + 10;
        if (digit < 0) return std::nullopt;
        value = value * base + digit;
    }
    // Like HTML: NUL, surrogates and values past Unicode become U+FFFD.
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0xFFFD;
    return static_cast<utf8proc_int32_t>(value);
}

// Decodes "&name;" or "&#…;" at `position`; returns the bytes consumed, or 0 to keep '&' literal.
std::size_t decode_entity(std::string_view text, std::size_t position, std::string& out) {
    const std::size_t semicolon = text.find(';', position + 1);
    if (semicolon == std::string_view::npos || semicolon - position > 12) return 0;
    const std::string_view name = text.substr(position + 1, semicolon - position - 1);
    const std::optional<utf8proc_int32_t> code_point =
        (!name.empty() && name[0] == '#') ? numeric_entity(name.substr(1)) : named_entity(name);
    if (!code_point) return 0;
    append_utf8(out, *code_point);
    return semicolon - position + 1;
}

// Collapses runs of spaces and tabs, trims every line and keeps at most one empty
// line between paragraphs.
std::string normalise_whitespace(std::string_view text) {
    std::string out;
    std::string line;
    int pending_newlines = 0;
    const auto flush_line = [&](bool at_end) {
        while (!line.empty() && line.back() == ' ') line.pop_back();
        if (!line.empty()) {
            if (!out.empty()) out.append(pending_newlines >= 2 ? "\n\n" : "\n");
            out += line;
            pending_newlines = 0;
        }
        line.clear();
        if (!at_end && !out.empty()) ++pending_newlines;
    };
    for (char character : text) {
        if (character == '\n') {
            flush_line(false);
        } else if (character == ' ' || character == '\t') {
            if (!line.empty() && line.back() != ' ') line += ' ';
        } else {
            line += character;
        }
    }
    flush_line(true);
    return out;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    for (std::size_t position = 0; position < text.size();) {
        const auto decoded = next_code_point(text, position);
        if (!decoded) return false;
        position += decoded->second;
    }
    return true;
}

std::string to_nfc(std::string_view valid_utf8) {
    if (valid_utf8.empty()) return {};
    utf8proc_uint8_t* raw_output = nullptr;
    const utf8proc_ssize_t length =
        utf8proc_map(as_bytes(valid_utf8), static_cast<utf8proc_ssize_t>(valid_utf8.size()), &raw_output,
                     static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    const Utf8procBufferPtr output(raw_output);
    // utf8proc fails only on invalid input, which callers promised not to pass.
    if (length < 0 || !output) return std::string(valid_utf8);
    return std::string(reinterpret_cast<const char*>(output.get()), static_cast<std::size_t>(length));
}

bool is_nfc(std::string_view text) {
    return is_valid_utf8(text) && to_nfc(text) == text;
}

std::size_t grapheme_count(std::string_view valid_utf8) {
    std::size_t count = 0;
    utf8proc_int32_t previous = -1;
    utf8proc_int32_t state = 0;
    for (std::size_t position = 0; position < valid_utf8.size();) {
        const auto decoded = next_code_point(valid_utf8, position);
        if (!decoded) {
            // Count a stray byte as one character rather than loop forever.
            ++count;
            ++position;
            previous = -1;
            state = 0;
            continue;
        }
        const utf8proc_int32_t code_point = decoded->first;
        if (previous < 0 || utf8proc_grapheme_break_stateful(previous, code_point, &state)) ++count;
        previous = code_point;
        position += decoded->second;
    }
    return count;
}

std::string strip_markup(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t position = 0;
    while (position < text.size()) {
        const char character = text[position];
        if (character == '&') {
            const std::size_t consumed = decode_entity(text, position, out);
            if (consumed > 0) {
                position += consumed;
                continue;
            }
            out += character;
            ++position;
            continue;
        }
        const std::size_t tag_length = character == '<' ? html_tag_length(text, position) : 0;
        if (tag_length == 0) {
            out += (character == '\r') ? '\n' : character;
            // "\r\n" is one line break.
            position += (character == '\r' && position + 1 < text.size() && text[position + 1] == '\n') ? 2 : 1;
            continue;
        }
        // Real markup never closed ("cut <a href="): the rest is inside it, never text.
        if (tag_length == std::string_view::npos) break;
        const std::size_t tag_end = position + tag_length - 1;
        const std::string_view tag_body = text.substr(position + 1, tag_end - position - 1);
        const std::string name = tag_name(tag_body);
        position = tag_end + 1;
        const bool closing = !tag_body.empty() && tag_body[0] == '/';
        if (!closing && (name == "script" || name == "style")) {
            // Their content is code, never text: drop everything up to the closing tag.
            const std::size_t close = find_ignoring_case(text, position, "</" + name);
            if (close == std::string_view::npos) break;
            const std::size_t close_end = text.find('>', close);
            position = (close_end == std::string_view::npos) ? text.size() : close_end + 1;
            continue;
        }
        // Inline tags vanish without a trace ("Ng<b>uy</b>ễn" stays one word); block tags
        // end a line; table cells are kept apart by a space.
        if (breaks_line(name)) {
            out += '\n';
        } else if (name == "td" || name == "th") {
            out += ' ';
        }
    }
    return normalise_whitespace(out);
}

bool starts_markup(std::string_view text, std::size_t position) {
    if (position >= text.size()) return false;
    if (text[position] == '<') return html_tag_length(text, position) != 0;
    std::string scratch;
    return text[position] == '&' && decode_entity(text, position, scratch) > 0;
}

Result<std::string> clean_text(std::string_view raw, std::string_view where, std::string_view field) {
    const auto problem = [&](std::string reason) {
        return Problem{.where = std::string(where), .field = std::string(field), .reason = std::move(reason)};
    };
    for (std::size_t position = 0; position < raw.size();) {
        const auto decoded = next_code_point(raw, position);
        if (!decoded) {
            return problem("is not valid UTF-8 (bad byte sequence at byte " + std::to_string(position) + ")");
        }
        position += decoded->second;
    }
    std::string stripped = strip_markup(raw);
    for (std::size_t position = 0; position < stripped.size();) {
        const auto decoded = next_code_point(stripped, position);
        if (!decoded) return problem("is not valid UTF-8");
        const utf8proc_int32_t code_point = decoded->first;
        const bool control = (code_point < 0x20 && code_point != '\n' && code_point != '\t') || code_point == 0x7F ||
                             (code_point >= 0x80 && code_point <= 0x9F);
        if (control) {
            char name[16];
            std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(code_point));
            return problem(std::string("contains the control character ") + name);
        }
        position += decoded->second;
    }
    return to_nfc(stripped);
}

}  // namespace bangvang::core
