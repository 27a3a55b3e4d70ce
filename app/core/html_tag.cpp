#include "core/html_tag.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace bangvang::core {

namespace {

constexpr std::size_t npos = std::string_view::npos;

// Every element a page, a word processor or a social network's copy puts in pasted
// text. Sorted, for binary search.
constexpr std::array<std::string_view, 123> html_elements = {
    "a",        "abbr",     "address", "area",     "article",    "aside",    "audio",  "b",        "base",
    "bdi",      "bdo",      "big",     "blink",    "blockquote", "body",     "br",     "button",   "canvas",
    "caption",  "center",   "cite",    "code",     "col",        "colgroup", "data",   "datalist", "dd",
    "del",      "details",  "dfn",     "dialog",   "dir",        "div",      "dl",     "dt",       "em",
    "embed",    "fieldset", "figcaption", "figure", "font",      "footer",   "form",   "frame",    "frameset",
    "h1",       "h2",       "h3",      "h4",       "h5",         "h6",       "head",   "header",   "hgroup",
    "hr",       "html",     "i",       "iframe",   "img",        "input",    "ins",    "kbd",      "label",
    "legend",   "li",       "link",    "main",     "map",        "mark",     "marquee", "menu",    "meta",
    "meter",    "nav",      "nobr",    "noscript", "object",     "ol",       "optgroup", "option", "output",
    "p",        "param",    "picture", "pre",      "progress",   "q",        "rp",     "rt",       "ruby",
    "s",        "samp",     "script",  "section",  "select",     "small",    "source", "span",     "strike",
    "strong",   "style",    "sub",     "summary",  "sup",        "svg",      "table",  "tbody",    "td",
    "template", "textarea", "tfoot",   "th",       "thead",      "time",     "title",  "tr",       "track",
    "tt",       "u",        "ul",      "var",      "video",      "wbr",
};

// Attributes that stand alone in real pages. Any other attribute must have a value
// ("="), so that "<Em yeu Ha Noi>" stays text although "em" is an element.
constexpr std::array<std::string_view, 18> boolean_attributes = {
    "allowfullscreen", "async",  "autofocus", "autoplay", "checked",  "controls", "defer",    "disabled",  "hidden",
    "itemscope",       "loop",   "multiple",  "muted",    "novalidate", "nowrap", "readonly", "required",  "selected",
};

bool is_ascii_letter(char character) {
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z');
}
bool is_ascii_digit(char character) { return character >= '0' && character <= '9'; }
bool is_space(char character) {
    return character == ' ' || character == '\t' || character == '\n' || character == '\r' || character == '\f';
}
char lower(char character) {
    return (character >= 'A' && character <= 'Z') ? static_cast<char>(character - 'A' + 'a') : character;
}
bool is_attribute_name_char(char character) {
    return is_ascii_letter(character) || is_ascii_digit(character) || character == '-' || character == '_' ||
           character == ':' || character == '.';
}

std::size_t skip_spaces(std::string_view text, std::size_t position) {
    while (position < text.size() && is_space(text[position])) ++position;
    return position;
}

// "<!--…-->", "<!DOCTYPE …>", "<?xml …?>": to its end, npos when it never ends, 0 when
// "<!" or "<?" is followed by something else ("<!!>" is text).
std::size_t declaration_length(std::string_view text, std::size_t position) {
    if (text.substr(position).starts_with("<!--")) {
        const std::size_t end = text.find("-->", position + 4);
        return end == npos ? npos : end + 3 - position;
    }
    if (position + 2 >= text.size() || !is_ascii_letter(text[position + 2])) return 0;
    const std::size_t end = text.find('>', position + 2);
    return end == npos ? npos : end + 1 - position;
}

// After the element's name: attributes up to '>' or "/>". The length of the whole tag,
// npos when the text ends inside it, 0 when what follows is no attribute list.
std::size_t attributes_length(std::string_view text, std::size_t tag_start, std::size_t position) {
    while (true) {
        position = skip_spaces(text, position);
        if (position >= text.size()) return npos;
        if (text[position] == '>') return position + 1 - tag_start;
        if (text[position] == '/') {
            if (position + 1 >= text.size()) return npos;
            if (text[position + 1] == '>') return position + 2 - tag_start;
            return 0;
        }
        std::string name;
        while (position < text.size() && is_attribute_name_char(text[position])) name += lower(text[position++]);
        if (name.empty()) return 0;
        position = skip_spaces(text, position);
        if (position >= text.size() || text[position] != '=') {
            const bool stands_alone =
                std::find(boolean_attributes.begin(), boolean_attributes.end(), name) != boolean_attributes.end();
            if (!stands_alone) return 0;
            if (position >= text.size()) return npos;
            continue;
        }
        position = skip_spaces(text, position + 1);
        if (position >= text.size()) return npos;
        const char quote = text[position];
        if (quote == '"' || quote == '\'') {
            const std::size_t close = text.find(quote, position + 1);
            if (close == npos) return npos;
            position = close + 1;
        } else {
            const std::size_t value_start = position;
            while (position < text.size() && !is_space(text[position]) && text[position] != '>') ++position;
            if (position == value_start) return 0;
        }
    }
}

}  // namespace

bool is_html_element(std::string_view name) {
    const auto colon = name.find(':');
    if (colon != npos) {
        return colon > 0 && colon + 1 < name.size() &&
               std::all_of(name.begin(), name.end(), [](char c) { return is_ascii_letter(c) || is_ascii_digit(c) || c == ':'; });
    }
    return std::binary_search(html_elements.begin(), html_elements.end(), name);
}

std::size_t html_tag_length(std::string_view text, std::size_t position) {
    if (position + 1 >= text.size() || text[position] != '<') return 0;
    const char next = text[position + 1];
    if (next == '!' || next == '?') return declaration_length(text, position);
    const bool closing = next == '/';
    std::size_t cursor = position + (closing ? 2 : 1);
    if (cursor >= text.size() || !is_ascii_letter(text[cursor])) return 0;
    std::string name;
    while (cursor < text.size() && (is_ascii_letter(text[cursor]) || is_ascii_digit(text[cursor]) || text[cursor] == ':')) {
        name += lower(text[cursor++]);
    }
    if (!is_html_element(name)) return 0;
    // The name must end where a tag's name ends: "<Tí>" is "T" followed by a letter.
    if (cursor < text.size() && !is_space(text[cursor]) && text[cursor] != '>' && text[cursor] != '/') return 0;
    if (cursor >= text.size()) return npos;
    if (closing) {
        cursor = skip_spaces(text, cursor);
        if (cursor >= text.size()) return npos;
        return text[cursor] == '>' ? cursor + 1 - position : 0;
    }
    return attributes_length(text, position, cursor);
}

}  // namespace bangvang::core
