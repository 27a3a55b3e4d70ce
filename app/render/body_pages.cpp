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

namespace {

// One plan being made: where the reading has got to in the body, and the page being filled.
class PagePlanner {
public:
    PagePlanner(const std::vector<std::string>& paragraphs, const BodyMeasure& measure)
        : paragraphs_(paragraphs), measure_(measure), planner_(measure) {
        skip_empty();
    }

    bool done() const { return current_ >= paragraphs_.size(); }

    // Fills one page of `room`; on the last page whatever does not fit is cut with "…".
    std::vector<std::string> page(TextSize room, bool last_page) {
        page_.clear();
        origins_.clear();
        heights_.clear();
        used_ = 0;
        while (!done()) {
            const std::string_view text = std::string_view(paragraphs_[current_]).substr(offset_);
            const int gap = page_.empty() ? 0 : measure_.paragraph_gap;
            const int available = room.height - used_ - gap;
            const TextSize size = measure_.wrapped(text, room.width);
            if (size.height <= available && size.width <= room.width) {
                take_whole(text, gap + size.height, size.height);
                continue;
            }
            if (last_page) {
                cut(text, room, available);
            } else {
                split(text, room.width, available);
            }
            break;
        }
        return std::move(page_);
    }

    void finish(BodyPlan& plan) const {
        plan.cut = cut_;
        plan.where = where_;
    }

private:
    void skip_empty() {
        while (current_ < paragraphs_.size() && skip_spaces(paragraphs_[current_], offset_) >= paragraphs_[current_].size()) {
            ++current_;
            offset_ = 0;
        }
        if (current_ < paragraphs_.size()) offset_ = skip_spaces(paragraphs_[current_], offset_);
    }

    void take_whole(std::string_view text, int taken, int height) {
        page_.emplace_back(text);
        origins_.push_back({current_, offset_});
        heights_.push_back(height);
        used_ += taken;
        ++current_;
        offset_ = 0;
        skip_empty();
    }

    // Not the last page: the paragraph goes on on the next one from a sentence (or word) end.
    void split(std::string_view text, int width, int available) {
        std::optional<std::size_t> at = available > 0 ? planner_.page_split(text, width, available) : std::nullopt;
        // A word wider than the whole box: split it between characters, or it never fits.
        // A room not one line high (a first page whose headline took it all) stays empty.
        if (!at && page_.empty() && available >= measure_.wrapped("H", width).height) {
            std::vector<std::size_t> ends;
            for (std::size_t i = 1; i < text.size(); ++i) {
                if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ends.push_back(i);
            }
            at = planner_.longest(text, ends, [](std::string_view p) { return std::string(p); }, width, available);
            if (!at) at = ends.empty() ? text.size() : ends.front();
        }
        if (!at) return;
        page_.emplace_back(text.substr(0, *at));
        origins_.push_back({current_, offset_});
        offset_ = skip_spaces(paragraphs_[current_], offset_ + *at);
        skip_empty();
    }

    // The last page: end after a whole sentence, with "…".
    void cut(std::string_view text, TextSize room, int available) {
        if (const auto at = available > 0 ? planner_.sentence_cut(text, room.width, available) : std::nullopt) {
            page_.push_back(with_cut_mark(text.substr(0, *at)));
            record_cut(current_, offset_ + *at);
            return;
        }
        std::size_t cut_index = current_, cut_at = offset_;
        if (!mark_earlier_paragraph(room, cut_index, cut_at)) {
            // Not one sentence fits on an empty page: a word cut is the only way to show anything.
            const auto at = planner_.longest(text, word_ends(text),
                                             [](std::string_view p) { return with_ellipsis(p, p.size()); },
                                             room.width, room.height);
            if (at) {
                page_.push_back(with_ellipsis(text, *at));
                cut_at = offset_ + *at;
            }
        }
        record_cut(cut_index, cut_at);
    }

    // Nothing of the current paragraph fits: the mark goes after what the page already
    // holds, shortened by sentences when the mark needs a line more. False when the page
    // ends up empty.
    bool mark_earlier_paragraph(TextSize room, std::size_t& cut_index, std::size_t& cut_at) {
        while (!page_.empty()) {
            const int previous_gap = page_.size() > 1 ? measure_.paragraph_gap : 0;
            used_ -= heights_.back() + previous_gap;
            const int slot = room.height - used_ - previous_gap;
            const std::string_view previous = page_.back();
            const Origin origin = origins_.back();
            if (const auto at = planner_.sentence_cut(previous, room.width, slot)) {
                page_.back() = with_cut_mark(previous.substr(0, *at));
                if (*at < previous.size()) {
                    cut_index = origin.index;
                    cut_at = origin.offset + *at;
                }
                return true;
            }
            cut_index = origin.index;
            cut_at = origin.offset;
            page_.pop_back();
            origins_.pop_back();
            heights_.pop_back();
        }
        return false;
    }

    void record_cut(std::size_t index, std::size_t at) {
        cut_ = true;
        where_.paragraph = index;
        where_.shown_bytes = at;
        where_.lost_characters = lost_from(paragraphs_, index, at, where_.lost_paragraphs);
    }

    const std::vector<std::string>& paragraphs_;
    const BodyMeasure& measure_;
    const Planner planner_;
    std::size_t current_ = 0;
    std::size_t offset_ = 0;
    std::vector<std::string> page_;
    std::vector<Origin> origins_;
    std::vector<int> heights_;
    int used_ = 0;
    bool cut_ = false;
    BodyCut where_{};
};

}  // namespace

namespace {

// The last page of a continued body holds at least this share of its room: when it
// would hold less, the pages before it give up lines evenly (a page with two lines
// and a large empty area below reads as a mistake).
constexpr double least_last_page_fill = 0.5;
// How far the earlier pages may be emptied for that, and how finely it is searched.
constexpr double least_earlier_page_fill = 0.25;
constexpr int balance_steps = 8;

// Fills page after page; `room_of(page_number)` is the box of each.
template <typename RoomOf>
BodyPlan plan_pages(const std::vector<std::string>& paragraphs, int max_pages, const BodyMeasure& measure,
                    RoomOf room_of) {
    PagePlanner planner(paragraphs, measure);
    BodyPlan plan;
    for (int page_number = 0; page_number < max_pages && !planner.done(); ++page_number) {
        plan.pages.push_back(planner.page(room_of(page_number), page_number == max_pages - 1));
        planner.finish(plan);
        if (plan.cut) break;
    }
    if (plan.pages.empty()) plan.pages.emplace_back();
    return plan;
}

int used_height(const std::vector<std::string>& page, int width, const BodyMeasure& measure) {
    int used = 0;
    for (std::size_t i = 0; i < page.size(); ++i) {
        used += measure.wrapped(page[i], width).height + (i > 0 ? measure.paragraph_gap : 0);
    }
    return used;
}

// The same number of pages, the ones before the last filled to a fraction `fill` of
// their room (never under two lines), the last one given its whole room.
BodyPlan plan_with_fill(const std::vector<std::string>& paragraphs, const BodyRooms& rooms, int pages, int line,
                        const BodyMeasure& measure, double fill) {
    return plan_pages(paragraphs, pages, measure, [&](int page_number) {
        TextSize room = page_number == 0 ? rooms.first : rooms.next;
        if (page_number < pages - 1) {
            room.height = std::max(static_cast<int>(room.height * fill), std::min(room.height, 2 * line));
        }
        return room;
    });
}

// A plan whose last page is nearly empty, spread: the largest fill of the earlier pages
// at which the last one holds its share (least_last_page_fill), found by bisection.
// The greedy plan stays when no such fill keeps the body whole.
BodyPlan balanced(const std::vector<std::string>& paragraphs, const BodyRooms& rooms, const BodyMeasure& measure,
                  BodyPlan greedy) {
    const int pages = greedy.page_count();
    const int target = static_cast<int>(rooms.next.height * least_last_page_fill);
    const int line = measure.wrapped("H", rooms.next.width).height;
    // reaches(f): the last page holds its share (or the body no longer fits): true for
    // small fills, false at 1 (the greedy plan).
    const auto reaches = [&](const BodyPlan& plan) {
        return plan.cut || plan.page_count() < pages ||
               used_height(plan.pages.back(), rooms.next.width, measure) >= target;
    };
    double low = least_earlier_page_fill, high = 1.0;
    BodyPlan at_low = plan_with_fill(paragraphs, rooms, pages, line, measure, low);
    if (!reaches(at_low)) return at_low;  // even at the lowest fill the last page is short: as even as it gets
    for (int step = 0; step < balance_steps; ++step) {
        const double middle = (low + high) / 2;
        BodyPlan plan = plan_with_fill(paragraphs, rooms, pages, line, measure, middle);
        if (reaches(plan)) {
            low = middle;
            at_low = std::move(plan);
        } else {
            high = middle;
        }
    }
    if (at_low.cut || at_low.page_count() != pages) return greedy;
    return at_low;
}

}  // namespace

BodyPlan plan_body_pages(const std::vector<std::string>& paragraphs, const BodyRooms& rooms, const BodyMeasure& measure) {
    const int max_pages = std::max(1, rooms.max_pages);
    BodyPlan plan = plan_pages(paragraphs, max_pages, measure, [&](int page_number) {
        return page_number == 0 ? rooms.first : rooms.next;
    });
    if (plan.cut || plan.page_count() < 2 ||
        used_height(plan.pages.back(), rooms.next.width, measure) >= rooms.next.height * least_last_page_fill) {
        return plan;
    }
    return balanced(paragraphs, rooms, measure, std::move(plan));
}

}  // namespace bangvang::render
