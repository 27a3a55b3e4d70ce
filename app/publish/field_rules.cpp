#include "publish/field_rules.hpp"

#include <cstdlib>
#include <optional>

namespace bangvang::publish {

std::string feed_member_path(core::ItemKind kind, const FieldRule& rule) {
    switch (rule.type) {
        case FieldType::id: return "id";
        case FieldType::seconds:
        case FieldType::weight:
        case FieldType::shown_from:
        case FieldType::shown_until:
        case FieldType::priority:
        case FieldType::days:
        case FieldType::hours: return "schedule." + std::string(rule.member);
        case FieldType::sites:
        case FieldType::tags: return "audience." + std::string(rule.member);
        default: return std::string(core::to_string(kind)) + "." + std::string(rule.member);
    }
}

std::string feed_field_label(core::ItemKind kind, std::string_view member_path) {
    if (member_path == "source.id") return "Mã nguồn";
    if (member_path == "source.name") return "Tên nguồn";
    const std::string kind_prefix = std::string(core::to_string(kind)) + ".";
    const auto index_of = [&](std::string_view list) -> std::optional<std::size_t> {
        const std::string prefix = kind_prefix + std::string(list) + "[";
        if (!member_path.starts_with(prefix)) return std::nullopt;
        return static_cast<std::size_t>(std::atoi(std::string(member_path.substr(prefix.size())).c_str()));
    };
    const auto sub_member = [&]() {
        const auto dot = member_path.find("].");
        return dot == std::string_view::npos ? std::string_view() : member_path.substr(dot + 2);
    };
    if (const auto paragraph = index_of("body")) return "Nội dung, đoạn " + std::to_string(*paragraph + 1);
    if (index_of("rows")) {
        const std::string_view member = sub_member();
        if (member == "rank") return "Hạng";
        if (member == "unit") return "Đơn vị";
        if (member == "score") return "Điểm";
        if (member == "rank_change") return "Thay đổi";
        return "Hàng";
    }
    if (index_of("entries")) {
        const std::string_view member = sub_member();
        if (member == "class") return "Lớp";
        if (member == "achievement") return "Thành tích";
        if (member == "photo") return "Ảnh";
        return "Họ và tên";
    }
    // "schedule.hours[0].to" is the line "Giờ: …" too.
    const auto matches = [&](const FieldRule& rule) {
        const std::string path = feed_member_path(kind, rule);
        return member_path == path || member_path.starts_with(path + "[");
    };
    for (const FieldRule& rule : common_fields) {
        if (matches(rule)) return std::string(rule.name);
    }
    const auto search = [&](const auto& rules) -> std::string {
        for (const FieldRule& rule : rules) {
            if (matches(rule)) return std::string(rule.name);
        }
        return {};
    };
    std::string label;
    switch (kind) {
        case core::ItemKind::story: label = search(story_fields); break;
        case core::ItemKind::announcement: label = search(announcement_fields); break;
        case core::ItemKind::commemoration: label = search(commemoration_fields); break;
        case core::ItemKind::standings: label = search(standings_fields); break;
        case core::ItemKind::honor_roll: label = search(honor_roll_fields); break;
    }
    if (!label.empty()) return label;
    if (member_path == kind_prefix + "body") return "Nội dung";
    if (member_path == kind_prefix + "rows" || member_path == kind_prefix + "entries") return "Bảng";
    return std::string(member_path);
}

}  // namespace bangvang::publish
