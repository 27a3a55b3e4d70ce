#include "render/text_fitting.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace bangvang::render {
namespace {

constexpr std::string_view ellipsis = "…";

// A sentence ending this far into the best word cut is preferred to cutting mid-sentence.
constexpr double sentence_preference = 0.6;
// After a whole paragraph, a cut of the next one shorter than this share of it is left out.
constexpr double shortest_tail = 0.35;

bool is_continuation_byte(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

std::vector<std::size_t> code_point_ends(std::string_view text) {
    std::vector<std::size_t> ends;
    for (std::size_t i = 1; i <= text.size(); ++i) {
        if (i == text.size() || !is_continuation_byte(text[i])) ends.push_back(i);
    }
    return ends;
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

struct Placement {
    TextSize size;
    bool fits = false;
};

class Fitter {
public:
    Fitter(const FitRequest& request, const TextMeasure& measure) : request_(request), measure_(measure) {}

    // The box height, or fewer lines when the request limits them.
    int room_at(int font_size) const {
        if (request_.max_lines <= 0) return request_.box_height;
        return std::min(request_.box_height, request_.max_lines * measure_.line_height(font_size));
    }

    int gap_at(int font_size) const {
        return static_cast<int>(std::lround(request_.paragraph_gap * measure_.line_height(font_size)));
    }

    bool fits_whole(const std::vector<std::string>& paragraphs, int font_size, FittedText& result) const {
        int gap = gap_at(font_size);
        int height = 0, width = 0;
        for (std::size_t i = 0; i < paragraphs.size(); ++i) {
            TextSize size = measure_.wrapped(paragraphs[i], font_size);
            height += size.height + (i > 0 ? gap : 0);
            width = std::max(width, size.width);
        }
        result = FittedText{paragraphs, font_size, gap, width, height, false};
        return height <= room_at(font_size) && width <= request_.box_width;
    }

    // The longest cut of `text` (at `candidates`) that fits in `height` once "…" is added.
    std::optional<std::string> longest_cut(std::string_view text, const std::vector<std::size_t>& candidates,
                                           int font_size, int height, TextSize& size) const {
        std::size_t low = 0, high = candidates.size();  // candidates[0, low) known to fit
        std::optional<TextSize> best_size;
        while (low < high) {
            std::size_t middle = (low + high) / 2;
            TextSize measured = measure_.wrapped(with_ellipsis(text, candidates[middle]), font_size);
            if (measured.height <= height && measured.width <= request_.box_width) {
                low = middle + 1;
                best_size = measured;
            } else {
                high = middle;
            }
        }
        if (low == 0) return std::nullopt;
        std::size_t word_cut = candidates[low - 1];
        // A whole sentence reads better than a longer fragment, unless it throws away too much.
        for (std::size_t i = low; i-- > 0;) {
            std::size_t end = candidates[i];
            if (static_cast<double>(end) < sentence_preference * static_cast<double>(word_cut)) break;
            if (ends_sentence(text, end)) {
                size = measure_.wrapped(text.substr(0, end), font_size);
                return std::string(text.substr(0, end));
            }
        }
        size = best_size.value_or(measure_.wrapped(with_ellipsis(text, word_cut), font_size));
        return with_ellipsis(text, word_cut);
    }

    FittedText truncate(const std::vector<std::string>& paragraphs, int font_size) const {
        FittedText result{{}, font_size, gap_at(font_size), 0, 0, true};
        for (const std::string& paragraph : paragraphs) {
            int gap = result.paragraphs.empty() ? 0 : result.paragraph_gap;
            int room = room_at(font_size) - result.height - gap;
            TextSize size = measure_.wrapped(paragraph, font_size);
            if (size.height <= room && size.width <= request_.box_width) {
                result.paragraphs.push_back(paragraph);
                result.height += gap + size.height;
                result.width = std::max(result.width, size.width);
                continue;
            }
            if (room > 0) {
                auto cut = longest_cut(paragraph, word_ends(paragraph), font_size, room, size);
                // A single word wider than the box: cut between characters instead.
                if (!cut && result.paragraphs.empty()) {
                    cut = longest_cut(paragraph, code_point_ends(paragraph), font_size, room, size);
                }
                // A scrap of a further paragraph ("Bà còn thành lập…") reads worse than
                // ending on a whole one.
                const bool scrap = !result.paragraphs.empty() && cut &&
                                   static_cast<double>(cut->size()) < shortest_tail * static_cast<double>(paragraph.size());
                if (cut && !scrap) {
                    result.paragraphs.push_back(std::move(*cut));
                    result.height += gap + size.height;
                    result.width = std::max(result.width, size.width);
                }
            }
            break;
        }
        return result;
    }

private:
    const FitRequest& request_;
    const TextMeasure& measure_;
};

}  // namespace

std::vector<std::size_t> word_ends(std::string_view text) {
    std::vector<std::size_t> ends;
    for (std::size_t i = 1; i < text.size(); ++i) {
        if ((text[i] == ' ' || text[i] == '\n') && text[i - 1] != ' ' && text[i - 1] != '\n') ends.push_back(i);
    }
    return ends;
}

bool ends_sentence(std::string_view text, std::size_t end) {
    std::string_view prefix = text.substr(0, end);
    while (!prefix.empty() && (prefix.back() == '"' || prefix.back() == ')' || prefix.back() == '\'')) {
        prefix.remove_suffix(1);
    }
    for (std::string_view closing : {"”", "’", "»"}) {
        if (ends_with(prefix, closing)) prefix.remove_suffix(closing.size());
    }
    if (prefix.empty()) return false;
    char last = prefix.back();
    return last == '.' || last == '!' || last == '?' || ends_with(prefix, ellipsis);
}

std::string with_ellipsis(std::string_view text, std::size_t end) {
    std::string_view prefix = text.substr(0, end);
    bool trimmed = true;
    while (trimmed && !prefix.empty()) {
        trimmed = false;
        for (std::string_view separator : {" ", "\n", ",", ";", ":", "–", "—", "-", "(", "“", "\""}) {
            if (ends_with(prefix, separator)) {
                prefix.remove_suffix(separator.size());
                trimmed = true;
            }
        }
    }
    if (ends_with(prefix, ellipsis) || ends_with(prefix, "...")) return std::string(prefix);
    return std::string(prefix) + std::string(ellipsis);
}

FittedText fit_paragraphs(const std::vector<std::string>& paragraphs, const FitRequest& request,
                          const TextMeasure& measure) {
    std::vector<std::string> non_empty;
    for (const std::string& paragraph : paragraphs) {
        if (paragraph.find_first_not_of(" \n") != std::string::npos) non_empty.push_back(paragraph);
    }
    Fitter fitter(request, measure);
    int min_size = std::min(request.min_font_size, request.font_size);
    FittedText result;
    for (int size = request.font_size;; size = std::max(min_size, size - std::max(1, size / 16))) {
        if (fitter.fits_whole(non_empty, size, result)) return result;
        if (size <= min_size) break;
    }
    if (request.box_height <= 0 || request.box_width <= 0) return result;
    return fitter.truncate(non_empty, min_size);
}

}  // namespace bangvang::render
