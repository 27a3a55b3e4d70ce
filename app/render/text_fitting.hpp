#pragma once
// Fitting paragraphs into a box: shrink the font step by step down to a minimum,
// then cut at a sentence or word boundary and end with "…". Pure layout logic: the
// caller supplies how to measure, so it can be tested without a font.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace bangvang::render {

struct TextSize {
    int width = 0;
    int height = 0;
};

struct TextMeasure {
    // Size of `text` wrapped at the box width, at `font_size`.
    std::function<TextSize(std::string_view text, int font_size)> wrapped;
    // Distance between baselines at `font_size`: paragraph gaps are a fraction of it.
    std::function<int(int font_size)> line_height;
};

struct FitRequest {
    int font_size = 36;
    int min_font_size = 36;  // equal to font_size: never shrink
    int box_width = 0;
    int box_height = 0;
    double paragraph_gap = 0.45;  // fraction of the line height between paragraphs
    int max_lines = 0;            // lines the block may take at most; 0 = as many as fit
};

struct FittedText {
    std::vector<std::string> paragraphs;  // as drawn: empty ones dropped, the last maybe cut
    int font_size = 0;
    int paragraph_gap = 0;  // pixels
    int width = 0;          // of the widest paragraph
    int height = 0;         // paragraphs and gaps
    bool truncated = false;
};

FittedText fit_paragraphs(const std::vector<std::string>& paragraphs, const FitRequest& request,
                          const TextMeasure& measure);

// Where `text` may be cut: byte offsets just before each space (the prefix ends a word).
std::vector<std::size_t> word_ends(std::string_view text);
// Whether the prefix text[0, end) finishes a sentence (".", "!", "?", "…", maybe followed by a quote or bracket).
bool ends_sentence(std::string_view text, std::size_t end);
// text[0, end) without trailing separators (",", ";", ":", "–", "—", spaces), then "…".
std::string with_ellipsis(std::string_view text, std::size_t end);

}  // namespace bangvang::render
