#include "publish/schedule_fields.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <optional>

#include "publish/staff_text.hpp"

namespace bangvang::publish {

namespace {

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (auto found = text.find(from); found != std::string::npos; found = text.find(from, found + to.size())) {
        text.replace(found, from.size(), to);
    }
}

// Parts of `text` split at ',' and ';', trimmed, empty ones dropped.
std::vector<std::string> list_parts(std::string_view text) {
    std::vector<std::string> parts;
    std::string part;
    for (char character : std::string(text) + ",") {
        if (character == ',' || character == ';') {
            if (!trimmed(part).empty()) parts.push_back(trimmed(part));
            part.clear();
        } else {
            part += character;
        }
    }
    return parts;
}

// Without marks, lower case, every way of writing "to" as one '-': "Thứ Hai – Thứ Sáu"
// -> "thu hai - thu sau", "7h đến 11h" -> "7h - 11h".
std::string folded_range(std::string_view part) {
    std::string text(part);
    for (std::string_view dash : {"\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x88\x92"}) replace_all(text, dash, "-");
    std::string folded = " " + fold_field_name(text) + " ";
    for (std::string_view word : {" den ", " toi "}) replace_all(folded, word, " - ");
    return trimmed(folded);
}

std::optional<int> weekday_of(const std::string& name) {
    static constexpr std::array<std::pair<std::string_view, int>, 23> names = {{
        {"thu hai", 1}, {"thu 2", 1}, {"t2", 1},  {"thu ba", 2},  {"thu 3", 2}, {"t3", 2},
        {"thu tu", 3},  {"thu 4", 3}, {"t4", 3},  {"thu nam", 4}, {"thu 5", 4}, {"t5", 4},
        {"thu sau", 5}, {"thu 6", 5}, {"t6", 5},  {"thu bay", 6}, {"thu 7", 6}, {"t7", 6},
        {"chu nhat", 7}, {"cn", 7},   {"hai", 1}, {"sau", 5},     {"bay", 6},
    }};
    std::string collapsed;
    for (char character : name) {
        if (character == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
        collapsed += character;
    }
    while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
    for (const auto& [known, day] : names) {
        if (known == collapsed) return day;
    }
    return std::nullopt;
}

// "7", "07:30", "7h", "7h30", "7g30", "07.00" -> minutes since midnight; 24:00 is the end of a day.
std::optional<int> minutes_of(const std::string& text) {
    std::size_t position = 0;
    int hour = 0;
    int digits = 0;
    while (position < text.size() && text[position] >= '0' && text[position] <= '9' && digits < 2) {
        hour = hour * 10 + (text[position++] - '0');
        ++digits;
    }
    if (digits == 0) return std::nullopt;
    int minute = 0;
    if (position < text.size() && (text[position] == ':' || text[position] == 'h' || text[position] == 'g' ||
                                   text[position] == '.')) {
        ++position;
        if (position < text.size()) {
            if (position + 2 != text.size() || !std::isdigit(static_cast<unsigned char>(text[position])) ||
                !std::isdigit(static_cast<unsigned char>(text[position + 1]))) {
                return std::nullopt;
            }
            minute = (text[position] - '0') * 10 + (text[position + 1] - '0');
            position += 2;
        }
    }
    if (position != text.size() || hour > 24 || minute > 59 || (hour == 24 && minute != 0)) return std::nullopt;
    return hour * 60 + minute;
}

std::string hour_minute(int minutes) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d", minutes / 60, minutes % 60);
    return text;
}

}  // namespace

StaffWeekdays parse_staff_weekdays(std::string_view text) {
    StaffWeekdays read;
    std::array<bool, 8> chosen{};
    for (const std::string& part : list_parts(text)) {
        const std::string folded = folded_range(part);
        if (folded == "hang ngay" || folded == "moi ngay" || folded == "ca tuan") {
            chosen.fill(true);
            continue;
        }
        const auto dash = folded.find('-');
        const auto first = weekday_of(trimmed(folded.substr(0, dash)));
        const auto last = dash == std::string::npos ? first : weekday_of(trimmed(folded.substr(dash + 1)));
        if (!first || !last || (dash != std::string::npos && folded.find('-', dash + 1) != std::string::npos)) {
            read.not_understood = part;
            return read;
        }
        for (int day = *first;; day = day % 7 + 1) {
            chosen[static_cast<std::size_t>(day)] = true;
            if (day == *last) break;
        }
    }
    for (int day = 1; day <= 7; ++day) {
        if (chosen[static_cast<std::size_t>(day)]) read.days.push_back(day);
    }
    return read;
}

StaffHours parse_staff_hours(std::string_view text) {
    StaffHours read;
    for (const std::string& part : list_parts(text)) {
        std::string folded = folded_range(part);
        folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
        const auto dash = folded.find('-');
        const auto from = dash == std::string::npos ? std::nullopt : minutes_of(folded.substr(0, dash));
        const auto to = dash == std::string::npos ? std::nullopt : minutes_of(folded.substr(dash + 1));
        if (!from || !to || *from == *to) {
            read.not_understood = part;
            return read;
        }
        read.windows.emplace_back(hour_minute(*from), hour_minute(*to));
    }
    return read;
}

std::string slug_of(std::string_view text) {
    const std::string folded = fold_field_name(text);
    std::string slug;
    for (char character : folded) {
        const bool keep = (character >= 'a' && character <= 'z') || (character >= '0' && character <= '9');
        if (keep) {
            slug += character;
        } else if (!slug.empty() && slug.back() != '-') {
            slug += '-';
        }
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    if (slug.size() > 64) slug.resize(64);
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug;
}

std::vector<std::string> parse_staff_id_list(std::string_view text) {
    std::vector<std::string> ids;
    for (const std::string& part : list_parts(text)) {
        std::string id = slug_of(part);
        if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
    }
    return ids;
}

}  // namespace bangvang::publish
