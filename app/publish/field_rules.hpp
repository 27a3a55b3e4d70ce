#pragma once
// The fields of the folder form, per kind of item: how staff write each one (its name,
// folded for matching: "Thời lượng" -> "thoi luong"), where its value goes in the feed,
// and what kind of value it takes. One table serves reading the files, naming a feed
// member in messages, and the guide `init` writes.
#include <string>
#include <string_view>

#include "core/model.hpp"

namespace bangvang::publish {

enum class FieldType {
    text, date, url, picture, seconds, weight, sites, tags, days, hours, priority, id, shown_from, shown_until, number
};

struct FieldRule {
    std::string_view folded;  // fold_field_name of the field's name
    std::string_view name;    // as the guide spells it, for messages
    std::string_view member;  // member of the kind object, or of schedule/audience
    FieldType type;
    bool required = false;
};

// Fields every item file may carry, whatever its kind.
inline constexpr FieldRule common_fields[] = {
    {"ma", "Mã", "id", FieldType::id},
    {"thoi luong", "Thời lượng", "duration", FieldType::seconds},
    {"trong so", "Trọng số", "weight", FieldType::weight},
    {"hien thi tu", "Hiển thị từ", "valid_from", FieldType::shown_from},
    {"hien thi den", "Hiển thị đến", "valid_until", FieldType::shown_until},
    {"noi hien thi", "Nơi hiển thị", "sites", FieldType::sites},
    {"uu tien", "Ưu tiên", "priority", FieldType::priority},
    {"ngay trong tuan", "Ngày trong tuần", "days", FieldType::days},
    {"gio", "Giờ", "hours", FieldType::hours},
    {"nhom may chieu", "Nhóm máy chiếu", "tags", FieldType::tags},
    // The same fields as staff also call them; messages use the names above.
    {"thu trong tuan", "Ngày trong tuần", "days", FieldType::days},
    {"khung gio", "Giờ", "hours", FieldType::hours},
    {"gio hien thi", "Giờ", "hours", FieldType::hours},
    {"nhom may", "Nhóm máy chiếu", "tags", FieldType::tags},
    {"nhom man hinh", "Nhóm máy chiếu", "tags", FieldType::tags},
};
inline constexpr FieldRule story_fields[] = {
    {"ten", "Tên", "name", FieldType::text, true},
    {"chuc vu", "Chức vụ", "role", FieldType::text},
    {"don vi", "Đơn vị", "unit", FieldType::text},
    {"danh hieu", "Danh hiệu", "award", FieldType::text},
    {"phong trao", "Phong trào", "movement", FieldType::text},
    {"ngay", "Ngày", "date", FieldType::date},
    {"anh", "Ảnh", "photo", FieldType::picture},
    {"lien ket", "Liên kết", "portal_url", FieldType::url},
    {"tieu de", "Tiêu đề", "headline", FieldType::text, true},
};
inline constexpr FieldRule announcement_fields[] = {
    {"tieu de", "Tiêu đề", "title", FieldType::text, true},
    {"phong trao", "Phong trào", "movement", FieldType::text},
    {"anh", "Ảnh", "image", FieldType::picture},
};
inline constexpr FieldRule commemoration_fields[] = {
    {"su kien", "Sự kiện", "event", FieldType::text, true},
    {"ngay goc", "Ngày gốc", "origin", FieldType::date, true},
    {"ngay ky niem", "Ngày kỷ niệm", "anniversary", FieldType::date, true},
    {"anh", "Ảnh", "image", FieldType::picture},
};
inline constexpr FieldRule standings_fields[] = {
    {"tieu de", "Tiêu đề", "title", FieldType::text, true},
    {"cum", "Cụm", "cluster", FieldType::text},
    {"thoi gian", "Thời gian", "period", FieldType::text},
    {"cap nhat", "Cập nhật", "updated", FieldType::date},
    {"diem toi da", "Điểm tối đa", "max_score", FieldType::number},
};
inline constexpr FieldRule honor_roll_fields[] = {
    {"tieu de", "Tiêu đề", "title", FieldType::text, true},
    {"don vi", "Đơn vị", "unit", FieldType::text},
    {"thoi gian", "Thời gian", "period", FieldType::text},
};

// Where a field's value goes in the feed: "story.name", "schedule.duration", "audience.sites", "id".
std::string feed_member_path(core::ItemKind kind, const FieldRule& rule);

// The field as staff write it for a member of an item of `kind`: "story.name" -> "Tên",
// "story.body[2]" -> "Nội dung, đoạn 3", "standings.rows[4].score" -> "Điểm",
// "schedule.duration" -> "Thời lượng"; the path itself for a member the folder form lacks.
std::string feed_field_label(core::ItemKind kind, std::string_view member_path);

}  // namespace bangvang::publish
