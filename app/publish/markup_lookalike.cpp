#include "publish/markup_lookalike.hpp"

#include "core/html_tag.hpp"
#include "core/text.hpp"

namespace bangvang::publish {

namespace {

constexpr std::size_t longest_tag = 80;

bool is_ascii_alphanumeric(char character) {
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
           (character >= '0' && character <= '9');
}

// A letter of any script: ASCII, or the first byte of a multi-byte character.
bool starts_letter(char character) {
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
           static_cast<unsigned char>(character) >= 0xC0;
}

// "<Tí>", "</Tí>", "<Sáng tạo trẻ>": the end of the look-alike tag at `position`, or npos.
std::size_t tag_like_end(std::string_view text, std::size_t position) {
    std::size_t cursor = position + 1;
    if (cursor < text.size() && text[cursor] == '/') ++cursor;
    if (cursor >= text.size() || !starts_letter(text[cursor])) return std::string_view::npos;
    for (; cursor < text.size() && cursor - position <= longest_tag; ++cursor) {
        if (text[cursor] == '>') return cursor;
        if (text[cursor] == '<' || text[cursor] == '\n') break;
    }
    return std::string_view::npos;
}

// "&abc;", "&#12x;": the end of the look-alike entity at `position`, or npos.
std::size_t entity_like_end(std::string_view text, std::size_t position) {
    std::size_t cursor = position + 1;
    if (cursor < text.size() && text[cursor] == '#') ++cursor;
    const std::size_t name_start = cursor;
    while (cursor < text.size() && cursor - name_start < 12 && is_ascii_alphanumeric(text[cursor])) ++cursor;
    if (cursor == name_start || cursor >= text.size() || text[cursor] != ';') return std::string_view::npos;
    return cursor;
}

std::string utf8_prefix(std::string_view text, std::size_t bytes) {
    if (text.size() <= bytes) return std::string(text);
    while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
    return std::string(text.substr(0, bytes)) + "\xE2\x80\xA6";
}

}  // namespace

std::string markup_lookalike(std::string_view text) {
    for (std::size_t position = 0; position < text.size(); ++position) {
        const char character = text[position];
        if (character != '<' && character != '&') continue;
        if (character == '<') {
            // Real markup is removed, not shown: look past it, at what the screen shows.
            const std::size_t tag = core::html_tag_length(text, position);
            if (tag == std::string_view::npos) return {};
            if (tag > 0) {
                position += tag - 1;
                continue;
            }
        } else if (core::starts_markup(text, position)) {
            continue;
        }
        const std::size_t end = character == '<' ? tag_like_end(text, position) : entity_like_end(text, position);
        if (end != std::string_view::npos) return utf8_prefix(text.substr(position, end - position + 1), 60);
    }
    return {};
}

}  // namespace bangvang::publish
