#pragma once
// How a long body (a story, a commemoration) is spread over the pages of its slide:
// the first page's free space is filled first, a paragraph that does not fit is split
// at a sentence (or a word) and goes on on the next page, and only when the pages run
// out is the text cut, after a whole sentence, with "…". The last page of a continued
// body is never left nearly empty: when it would be under half full, the earlier pages
// give up lines evenly until it is (or as near as the text allows). Pure layout logic: the caller
// supplies how to measure, so it can be tested without a font.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "render/text_fitting.hpp"

namespace bangvang::render {

// The most pages one item's body may take: beyond it the QR code leads to the rest.
inline constexpr int max_body_pages = 3;

struct BodyRooms {
    TextSize first;  // the body's box on the first page
    TextSize next;   // on every further page
    int max_pages = max_body_pages;
};

struct BodyMeasure {
    // Size of `text` wrapped at `width` (the body's font and size are the caller's).
    std::function<TextSize(std::string_view text, int width)> wrapped;
    int paragraph_gap = 0;  // pixels between paragraphs
};

// Where the body stops when it does not fit in `max_pages`.
struct BodyCut {
    std::size_t paragraph = 0;          // index into the body: the first paragraph not shown whole
    std::size_t shown_bytes = 0;        // bytes of that paragraph still shown
    std::size_t lost_characters = 0;    // code points of the body not shown
    std::size_t lost_paragraphs = 0;    // paragraphs with nothing shown
};

struct BodyPlan {
    std::vector<std::vector<std::string>> pages;  // paragraphs as drawn, page by page (at least one page)
    bool cut = false;                             // the last page ends in "…": text is lost
    BodyCut where{};                              // valid when `cut`
    int page_count() const { return static_cast<int>(pages.size()); }
};

BodyPlan plan_body_pages(const std::vector<std::string>& paragraphs, const BodyRooms& rooms,
                         const BodyMeasure& measure);

// Byte offsets just after each sentence of `text` ends ("." "!" "?" "…", maybe followed by
// a closing quote or bracket), where a page or a cut may fall; the end of the text included.
std::vector<std::size_t> sentence_ends(std::string_view text);

// Code points in `text`.
std::size_t count_code_points(std::string_view text);

}  // namespace bangvang::render
