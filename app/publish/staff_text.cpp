#include "publish/staff_text.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace bangvang::publish {

namespace {

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return std::string(text.substr(first, last - first + 1));
}

// At most `bytes` bytes of `text`, never cutting a UTF-8 sequence in two.
std::string utf8_prefix(const std::string& text, std::size_t bytes) {
    if (text.size() <= bytes) return text;
    while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
    return text.substr(0, bytes) + "\xE2\x80\xA6";
}

struct FreeDeleter {
    void operator()(utf8proc_uint8_t* bytes) const { std::free(bytes); }
};

}  // namespace

std::string fold_field_name(std::string_view name) {
    std::string text = trimmed(name);
    // đ and Đ have no decomposition: map them by hand before stripping marks.
    for (std::string_view stroke : {"đ", "Đ"}) {
        for (auto found = text.find(stroke); found != std::string::npos; found = text.find(stroke)) {
            text.replace(found, stroke.size(), 1, 'd');
        }
    }
    utf8proc_uint8_t* mapped = nullptr;
    const auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                     static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                                     static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                                                    UTF8PROC_CASEFOLD));
    if (length < 0) return text;
    std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owned(mapped);
    std::string folded(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
    // Collapse runs of spaces so "Chức  vụ" still matches.
    std::string collapsed;
    for (char character : folded) {
        if (character == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
        collapsed += character;
    }
    return collapsed;
}

StaffText parse_staff_text(std::string_view utf8_text) {
    if (utf8_text.starts_with("\xEF\xBB\xBF")) utf8_text.remove_prefix(3);
    StaffText parsed;
    std::vector<std::pair<int, std::string>> lines;
    int number = 0;
    std::size_t start = 0;
    while (start <= utf8_text.size()) {
        const std::size_t end = std::min(utf8_text.find('\n', start), utf8_text.size());
        lines.emplace_back(++number, trimmed(utf8_text.substr(start, end - start)));
        if (end == utf8_text.size()) break;
        start = end + 1;
    }

    std::size_t index = 0;
    while (index < lines.size() && lines[index].second.empty()) ++index;
    for (; index < lines.size() && !lines[index].second.empty(); ++index) {
        const auto& [line, text] = lines[index];
        const auto colon = text.find(':');
        // A colon far into the line is prose, not a field name ("Ghi chú: ..." is 8 bytes).
        if (colon == std::string::npos || colon == 0 || colon > 40) {
            parsed.problems.push_back({line, utf8_prefix(text, 60)});
            continue;
        }
        parsed.fields.push_back(HeaderField{.key = trimmed(text.substr(0, colon)),
                                            .folded_key = fold_field_name(text.substr(0, colon)),
                                            .value = trimmed(text.substr(colon + 1)),
                                            .line = line});
    }

    Paragraph paragraph;
    for (; index < lines.size(); ++index) {
        const auto& [line, text] = lines[index];
        if (text.empty()) {
            if (!paragraph.text.empty()) parsed.paragraphs.push_back(std::move(paragraph));
            paragraph = Paragraph{};
            continue;
        }
        if (paragraph.text.empty()) {
            paragraph.line = line;
            paragraph.text = text;
        } else {
            paragraph.continued.emplace_back(paragraph.text.size() + 1, line);
            paragraph.text += " " + text;
        }
    }
    if (!paragraph.text.empty()) parsed.paragraphs.push_back(std::move(paragraph));
    return parsed;
}

}  // namespace bangvang::publish
