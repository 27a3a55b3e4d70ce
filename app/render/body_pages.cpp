#include "render/body_pages.hpp"

#include <algorithm>
#include <optional>

namespace bangvang::render {
namespace {

constexpr std::string_view ellipsis = "…";
// A sentence ending this far into the longest word split is preferred (a page that ends
// on a whole sentence reads better), unless it leaves too much of the page empty.
constexpr double sentence_preference = 0.6;

bool is_space(char c) { return c == ' ' || c == '\n'; }

std::size_t skip_spaces(std::string_view text, std::size_t from) {
    while (from < text.size() && is_space(text[from])) ++from;
    return from;
}

// A whole sentence followed by " …": the reader sees that more follows (on the portal).
std::string with_cut_mark(std::string_view prefix) {
    while (!prefix.empty() && is_space(prefix.back())) prefix.remove_suffix(1);
    if (prefix.ends_with(ellipsis) || prefix.ends_with("...")) return std::string(prefix);
    return std::string(prefix) + " " + std::string(ellipsis);
}

// Where a piece of the page came from: paragraph `index`, from byte `offset` on.
struct Origin {
    std::size_t index = 0;
    std::size_t offset = 0;
};

class Planner {
public:
    Planner(const BodyMeasure& measure) : measure_(measure) {}

    bool fits(std::string_view text, int width, int height) const {
        const TextSize size = measure_.wrapped(text, width);
        return size.height <= height && size.width <= width;
    }

    // The longest candidate end whose prefix (made by `make`) fits; assumes longer prefixes never take less room.
    template <typename Make>
    std::optional<std::size_t> longest(std::string_view text, const std::vector<std::size_t>& ends, Make make,
                                       int width, int height) const {
        std::size_t low = 0, high = ends.size();  // ends[0, low) fit
        while (low < high) {
            const std::size_t middle = (low + high) / 2;
            if (fits(make(text.substr(0, ends[middle])), width, height)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        if (low == 0) return std::nullopt;
        return ends[low - 1];
    }

    // Where to end a page inside `text`: a sentence end when one uses most of the room, else a word end.
    std::optional<std::size_t> page_split(std::string_view text, int width, int height) const {
        const auto same = [](std::string_view prefix) { return std::string(prefix); };
        const auto by_word = longest(text, word_ends(text), same, width, height);
        if (!by_word) return std::nullopt;
        const auto by_sentence = longest(text, sentence_ends(text), same, width, height);
        if (by_sentence && static_cast<double>(*by_sentence) >= sentence_preference * static_cast<double>(*by_word)) {
            return by_sentence;
        }
        return by_word;
    }

    // The longest whole-sentence prefix of `text` that fits with " …" after it.
    std::optional<std::size_t> sentence_cut(std::string_view text, int width, int height) const {
        std::vector<std::size_t> ends = sentence_ends(text);
        return longest(text, ends, with_cut_mark, width, height);
    }

private:
    const BodyMeasure& measure_;
};

std::size_t lost_from(const std::vector<std::string>& paragraphs, std::size_t index, std::size_t offset,
                      std::size_t& lost_paragraphs) {
    std::size_t lost = 0;
    lost_paragraphs = 0;
    for (std::size_t i = index; i < paragraphs.size(); ++i) {
        const std::string_view text = paragraphs[i];
        const std::size_t from = i == index ? std::min(offset, text.size()) : 0;
        if (i > index || from == 0) ++lost_paragraphs;
        lost += count_code_points(text.substr(from));
    }
    return lost;
}

}  // namespace

std::size_t count_code_points(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::vector<std::size_t> sentence_ends(std::string_view text) {
    std::vector<std::size_t> ends;
    for (std::size_t end : word_ends(text)) {
        if (ends_sentence(text, end)) ends.push_back(end);
    }
    std::size_t whole = text.size();
    while (whole > 0 && is_space(text[whole - 1])) --whole;
    if (whole > 0 && ends_sentence(text, whole) && (ends.empty() || ends.back() != whole)) ends.push_back(whole);
    return ends;
}

BodyPlan plan_body_pages(const std::vector<std::string>& paragraphs, const BodyRooms& rooms, const BodyMeasure& measure) {
    const Planner planner(measure);
    BodyPlan plan;
    std::size_t current = 0;
    std::size_t offset = 0;
    const auto skip_empty = [&] {
        while (current < paragraphs.size() && skip_spaces(paragraphs[current], offset) >= paragraphs[current].size()) {
            ++current;
            offset = 0;
        }
        if (current < paragraphs.size()) offset = skip_spaces(paragraphs[current], offset);
    };
    const auto record_cut = [&](std::size_t index, std::size_t at) {
        plan.cut = true;
        plan.where.paragraph = index;
        plan.where.shown_bytes = at;
        plan.where.lost_characters = lost_from(paragraphs, index, at, plan.where.lost_paragraphs);
    };
    skip_empty();
    const int max_pages = std::max(1, rooms.max_pages);
    for (int page_number = 0; page_number < max_pages && current < paragraphs.size(); ++page_number) {
        const TextSize room = page_number == 0 ? rooms.first : rooms.next;
        const bool last_page = page_number == max_pages - 1;
        std::vector<std::string> page;
        std::vector<Origin> origins;
        std::vector<int> heights;
        int used = 0;
        while (current < paragraphs.size()) {
            const std::string_view text = std::string_view(paragraphs[current]).substr(offset);
            const int gap = page.empty() ? 0 : measure.paragraph_gap;
            const int available = room.height - used - gap;
            const TextSize size = measure.wrapped(text, room.width);
            if (size.height <= available && size.width <= room.width) {
                page.emplace_back(text);
                origins.push_back({current, offset});
                heights.push_back(size.height);
                used += gap + size.height;
                ++current;
                offset = 0;
                skip_empty();
                continue;
            }
            if (!last_page) {
                std::optional<std::size_t> split = available > 0 ? planner.page_split(text, room.width, available)
                                                                 : std::nullopt;
                // A word wider than the whole box: split it between characters, or it never fits.
                if (!split && page.empty()) {
                    std::vector<std::size_t> ends;
                    for (std::size_t i = 1; i < text.size(); ++i) {
                        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ends.push_back(i);
                    }
                    split = planner.longest(text, ends, [](std::string_view p) { return std::string(p); }, room.width,
                                            available);
                    if (!split) split = ends.empty() ? text.size() : ends.front();
                }
                if (split) {
                    page.emplace_back(text.substr(0, *split));
                    origins.push_back({current, offset});
                    offset = skip_spaces(paragraphs[current], offset + *split);
                    skip_empty();
                }
                break;
            }
            // The last page: end after a whole sentence, with "…".
            if (const auto cut = available > 0 ? planner.sentence_cut(text, room.width, available) : std::nullopt) {
                page.push_back(with_cut_mark(text.substr(0, *cut)));
                record_cut(current, offset + *cut);
                break;
            }
            // Nothing of this paragraph fits: the mark goes after what the page already holds,
            // shortened by sentences when the mark needs a line more.
            bool placed = false;
            std::size_t cut_index = current, cut_at = offset;
            while (!page.empty() && !placed) {
                const int previous_gap = page.size() > 1 ? measure.paragraph_gap : 0;
                used -= heights.back() + previous_gap;
                const int slot = room.height - used - previous_gap;
                const std::string_view previous = page.back();
                const Origin origin = origins.back();
                if (const auto cut = planner.sentence_cut(previous, room.width, slot)) {
                    page.back() = with_cut_mark(previous.substr(0, *cut));
                    if (*cut < previous.size()) {
                        cut_index = origin.index;
                        cut_at = origin.offset + *cut;
                    }
                    placed = true;
                } else {
                    cut_index = origin.index;
                    cut_at = origin.offset;
                    page.pop_back();
                    origins.pop_back();
                    heights.pop_back();
                }
            }
            if (!placed) {
                // Not one sentence fits on an empty page: a word cut is the only way to show anything.
                const auto cut = planner.longest(text, word_ends(text),
                                                 [](std::string_view p) { return with_ellipsis(p, p.size()); },
                                                 room.width, room.height);
                if (cut) {
                    page.push_back(with_ellipsis(text, *cut));
                    cut_at = offset + *cut;
                }
            }
            record_cut(cut_index, cut_at);
            break;
        }
        plan.pages.push_back(std::move(page));
        if (plan.cut) break;
    }
    if (plan.pages.empty()) plan.pages.emplace_back();
    return plan;
}

}  // namespace bangvang::render
