#pragma once
// The text files staff write for stories, announcements and commemorations: a block
// of "Field: value" lines, a blank line, then the paragraphs (separated by blank
// lines; lines inside a paragraph are joined, as word processors wrap them). Pure.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bangvang::publish {

struct HeaderField {
    std::string key;         // as written: "Chức vụ"
    std::string folded_key;  // without marks, lower case: "chuc vu"
    std::string value;
    int line = 0;
};

struct Paragraph {
    std::string text;
    int line = 0;  // where it starts
    // Where each further line of the file begins in `text` (byte offset, line), so that
    // a finding inside a paragraph of several lines names its own line.
    std::vector<std::pair<std::size_t, int>> continued;

    // The file's line holding text[offset].
    int line_at(std::size_t offset) const {
        int found = line;
        for (const auto& [start, start_line] : continued) {
            if (start <= offset) found = start_line;
        }
        return found;
    }
};

struct LineProblem {
    int line = 0;
    std::string text;  // the header line that is not "Field: value" (its first 60 bytes)
};

struct StaffText {
    std::vector<HeaderField> fields;
    std::vector<Paragraph> paragraphs;
    std::vector<LineProblem> problems;  // header lines that are not "Field: value"
};

// `utf8_text` must be valid UTF-8 (text_encoding.hpp); a BOM is ignored.
StaffText parse_staff_text(std::string_view utf8_text);

// "Chức vụ" -> "chuc vu", "ĐƠN VỊ" -> "don vi": how field names are matched, so staff
// may type them with or without Vietnamese marks, in any case.
std::string fold_field_name(std::string_view name);

}  // namespace bangvang::publish
