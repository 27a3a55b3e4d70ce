#include "publish/text_cuts.hpp"

#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "render/body_pages.hpp"

namespace bangvang::publish {
namespace {

constexpr std::string_view ellipsis = "\xE2\x80\xA6";

// The first line of what was drawn, without the "…" the renderer added.
std::string shown_start(const std::string& shown) {
    std::string_view text = shown;
    if (const auto line_end = text.find('\n'); line_end != std::string_view::npos) text = text.substr(0, line_end);
    while (text.ends_with(ellipsis) || text.ends_with(" ")) {
        text.remove_suffix(text.ends_with(" ") ? 1 : ellipsis.size());
    }
    return std::string(text);
}

// The end of what was drawn, for "cắt sau “…”": its last 60 characters or so, at a word.
std::string shown_end(const std::string& shown) {
    std::string_view text = shown;
    while (text.ends_with(ellipsis) || text.ends_with(" ") || text.ends_with("\n")) {
        text.remove_suffix(text.ends_with(ellipsis) ? ellipsis.size() : 1);
    }
    if (const auto line = text.rfind('\n'); line != std::string_view::npos) text = text.substr(line + 1);
    if (render::count_code_points(text) <= 60) return std::string(text);
    std::size_t start = text.size();
    for (std::size_t characters = 0; start > 0 && characters < 60;) {
        --start;
        if ((static_cast<unsigned char>(text[start]) & 0xC0) != 0x80) ++characters;
    }
    if (const auto space = text.find(' ', start); space != std::string_view::npos && space + 1 < text.size()) {
        start = space + 1;
    }
    return std::string(ellipsis) + std::string(text.substr(start));
}

using Fields = std::vector<std::pair<CutField, const std::string*>>;

Fields fields_of(const core::Item& item) {
    Fields fields;
    const auto add = [&fields](std::string member, std::string label, const std::string& value) {
        fields.push_back({CutField{std::move(member), std::move(label)}, &value});
    };
    const auto add_body = [&](const std::vector<std::string>& body) {
        for (std::size_t i = 0; i < body.size(); ++i) add("body[" + std::to_string(i) + "]", "Nội dung", body[i]);
    };
    std::visit(
        [&](const auto& content) {
            using Content = std::decay_t<decltype(content)>;
            if constexpr (std::is_same_v<Content, core::Story>) {
                add("name", "Tên", content.person_name);
                add("headline", "Tiêu đề", content.headline);
                add("role", "Chức vụ", content.role);
                add("unit", "Đơn vị", content.unit);
                add("award", "Danh hiệu", content.award);
                add("movement", "Phong trào", content.movement);
                add_body(content.body);
            } else if constexpr (std::is_same_v<Content, core::Announcement>) {
                add("title", "Tiêu đề", content.title);
                add("movement", "Phong trào", content.movement);
                add_body(content.body);
            } else if constexpr (std::is_same_v<Content, core::Commemoration>) {
                add("event", "Sự kiện", content.event);
                add_body(content.body);
            } else if constexpr (std::is_same_v<Content, core::Standings>) {
                add("title", "Tiêu đề", content.title);
                add("cluster", "Cụm", content.cluster);
                add("period", "Thời gian", content.period);
            } else {
                add("title", "Tiêu đề", content.title);
                add("unit", "Đơn vị", content.unit);
                add("period", "Thời gian", content.period);
            }
        },
        item.content);
    return fields;
}

}  // namespace

std::string vietnamese_count(std::size_t count) {
    std::string digits = std::to_string(count);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<std::size_t>(at), 1, '.');
    return digits;
}

CutField field_of_cut(const core::Item& item, const render::TextCutReport& cut) {
    if (cut.field == "body") return CutField{"body[" + std::to_string(cut.paragraph) + "]", "Nội dung"};
    const std::string start = shown_start(cut.shown);
    if (start.empty()) return CutField{};
    for (const auto& [field, value] : fields_of(item)) {
        if (value->starts_with(start)) return field;
    }
    return CutField{};
}

int line_of_cut(const std::map<std::string, int>& lines, const core::Item& item, const CutField& field) {
    if (field.member.empty()) return 0;
    const auto found = lines.find(std::string(core::to_string(item.kind)) + "." + field.member);
    return found == lines.end() ? 0 : found->second;
}

std::string describe_cut(const core::Item& item, const render::TextCutReport& cut) {
    const std::string lost = "không hiện " + vietnamese_count(cut.lost_characters) + " ký tự";
    const std::string end = "“" + shown_end(cut.shown) + "”";
    if (cut.field == "body") {
        return "“Nội dung” dài hơn " + std::to_string(render::max_body_pages) +
               " trang: cắt sau " + end + ", " + lost;
    }
    const CutField field = field_of_cut(item, cut);
    const std::string name = field.label.empty() ? std::string("Một dòng chữ") : "“" + field.label + "”";
    return name + " không vừa chỗ: cắt sau " + end + ", " + lost;
}

}  // namespace bangvang::publish
