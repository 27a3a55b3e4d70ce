#include "publish/item_builder.hpp"

#include "core/clock_time.hpp"
#include "core/identifier.hpp"
#include "publish/staff_values.hpp"

namespace bangvang::publish {

using nlohmann::ordered_json;

std::string parent_of(const std::string& relative_path) {
    const auto slash = relative_path.rfind('/');
    return slash == std::string::npos ? std::string() : relative_path.substr(0, slash + 1);
}

std::string stem_of(const std::string& relative_path) {
    const std::string name = relative_path.substr(parent_of(relative_path).size());
    const auto dot = name.rfind('.');
    return dot == std::string::npos ? name : name.substr(0, dot);
}

std::optional<std::string> ItemBuilder::picture_path(std::string_view value, int line, std::string_view field_name) {
    const std::string relative = parent_of(file_) + std::string(value);
    if (!is_safe_relative_path(value) || !is_safe_relative_path(relative)) {
        error(line, say::picture_path_unsafe(field_name, value));
        return std::nullopt;
    }
    if (!other_files_.contains(relative)) {
        error(line, say::picture_missing(value, parent_of(file_).empty() ? "." : parent_of(file_)));
        return std::nullopt;
    }
    return relative;
}

void ItemBuilder::apply(const FieldRule& rule, const std::string& value, int line) {
    const std::string member(rule.member);
    const std::string_view name = rule.name;
    remember_line(member_path(rule), line);
    if (value.empty()) {
        if (rule.required) error(line, say::field_empty(name));
        return;
    }
    if (!apply_content_value(rule, value, line)) apply_schedule_value(rule, value, line);
}

bool ItemBuilder::apply_content_value(const FieldRule& rule, const std::string& value, int line) {
    const std::string member(rule.member);
    const std::string_view name = rule.name;
    switch (rule.type) {
        case FieldType::text:
            check_markup(name, value, line);
            content_[member] = value;
            break;
        case FieldType::number:
            if (const auto number = parse_number(value)) {
                content_[member] = *number;
            } else {
                error(line, say::not_a_number(name, value));
            }
            break;
        case FieldType::date:
            if (const auto date = parse_staff_date(value)) {
                content_[member] = core::format_iso_date(*date);
            } else {
                error(line, say::not_a_date(name, value));
            }
            break;
        case FieldType::url:
            if (value.starts_with("https://") || value.starts_with("http://")) {
                content_[member] = value;
            } else {
                error(line, say::not_a_web_address(name, value));
            }
            break;
        case FieldType::picture:
            if (const auto path = picture_path(value, line, rule.name)) {
                content_[member] = *path;
                reference_picture("/" + member, std::string(core::to_string(kind_)) + "." + member, *path, line);
            }
            break;
        case FieldType::id:
            if (core::is_identifier(value)) {
                item_["id"] = value;
                id_line_ = line;
            } else {
                error(line, say::not_an_id(name, value));
            }
            break;
        default: return false;
    }
    return true;
}

void ItemBuilder::apply_schedule_value(const FieldRule& rule, const std::string& value, int line) {
    const std::string member(rule.member);
    const std::string_view name = rule.name;
    switch (rule.type) {
        case FieldType::seconds: {
            const auto seconds = parse_whole(value);
            if (seconds && *seconds >= 3 && *seconds <= 600) {
                schedule_["duration"] = *seconds;
            } else {
                error(line, say::duration_out_of_range(name, value));
            }
            break;
        }
        case FieldType::weight: {
            const auto weight = parse_whole(value);
            if (weight && *weight >= 1 && *weight <= 100) {
                schedule_["weight"] = *weight;
            } else {
                error(line, say::weight_out_of_range(name, value));
            }
            break;
        }
        case FieldType::shown_from:
        case FieldType::shown_until:
            if (const auto date = parse_staff_date(value)) {
                // Whole days in Việt Nam: from the start of the first to the end of the last.
                const std::int64_t day =
                    core::days_from_civil(*date) + (rule.type == FieldType::shown_until ? 1 : 0);
                const core::UnixSeconds instant =
                    day * 86400 - static_cast<core::UnixSeconds>(core::vietnam_utc_offset_minutes) * 60;
                schedule_[member] = core::format_rfc3339(instant, core::vietnam_utc_offset_minutes);
            } else {
                error(line, say::not_a_date(name, value));
            }
            break;
        case FieldType::sites:
        case FieldType::tags: audience_[member] = parse_staff_id_list(value); break;
        case FieldType::days: {
            const StaffWeekdays read = parse_staff_weekdays(value);
            if (!read.not_understood.empty() || read.days.empty()) {
                error(line, say::weekdays_unknown(name, read.not_understood.empty() ? value : read.not_understood));
            } else if (read.days.size() < 7) {
                schedule_["days"] = read.days;
            }
            break;
        }
        case FieldType::hours: {
            const StaffHours read = parse_staff_hours(value);
            if (!read.not_understood.empty() || read.windows.empty()) {
                error(line, say::hours_unknown(name, read.not_understood.empty() ? value : read.not_understood));
                break;
            }
            ordered_json hours = ordered_json::array();
            for (const auto& [from, to] : read.windows) hours.push_back({{"from", from}, {"to", to}});
            schedule_["hours"] = std::move(hours);
            break;
        }
        case FieldType::priority: {
            const std::string folded = fold_field_name(value);
            if (folded == "khan" || folded == "khan cap" || folded == "urgent") {
                schedule_["priority"] = "urgent";
            } else if (folded != "thuong" && folded != "binh thuong") {
                error(line, say::priority_unknown(name, value));
            }
            break;
        }
        default: break;
    }
}

}  // namespace bangvang::publish
