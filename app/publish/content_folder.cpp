#include "publish/content_folder.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/clock_time.hpp"
#include "core/identifier.hpp"
#include "publish/csv_table.hpp"
#include "publish/folder_layout.hpp"
#include "publish/markup_lookalike.hpp"
#include "publish/schedule_fields.hpp"
#include "publish/publish_error.hpp"
#include "publish/staff_messages.hpp"
#include "publish/staff_text.hpp"
#include "publish/text_encoding.hpp"

namespace bangvang::publish {

namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

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
constexpr FieldRule common_fields[] = {
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
constexpr FieldRule story_fields[] = {
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
constexpr FieldRule announcement_fields[] = {
    {"tieu de", "Tiêu đề", "title", FieldType::text, true},
    {"phong trao", "Phong trào", "movement", FieldType::text},
    {"anh", "Ảnh", "image", FieldType::picture},
};
constexpr FieldRule commemoration_fields[] = {
    {"su kien", "Sự kiện", "event", FieldType::text, true},
    {"ngay goc", "Ngày gốc", "origin", FieldType::date, true},
    {"ngay ky niem", "Ngày kỷ niệm", "anniversary", FieldType::date, true},
    {"anh", "Ảnh", "image", FieldType::picture},
};
constexpr FieldRule standings_fields[] = {
    {"tieu de", "Tiêu đề", "title", FieldType::text, true},
    {"cum", "Cụm", "cluster", FieldType::text},
    {"thoi gian", "Thời gian", "period", FieldType::text},
    {"cap nhat", "Cập nhật", "updated", FieldType::date},
    {"diem toi da", "Điểm tối đa", "max_score", FieldType::number},
};
constexpr FieldRule honor_roll_fields[] = {
    {"tieu de", "Tiêu đề", "title", FieldType::text, true},
    {"don vi", "Đơn vị", "unit", FieldType::text},
    {"thoi gian", "Thời gian", "period", FieldType::text},
};

std::string parent_of(const std::string& relative_path) {
    const auto slash = relative_path.rfind('/');
    return slash == std::string::npos ? std::string() : relative_path.substr(0, slash + 1);
}

std::string stem_of(const std::string& relative_path) {
    const std::string name = relative_path.substr(parent_of(relative_path).size());
    const auto dot = name.rfind('.');
    return dot == std::string::npos ? name : name.substr(0, dot);
}

std::string lower_extension(const std::string& relative_path) {
    const auto dot = relative_path.rfind('.');
    if (dot == std::string::npos || relative_path.find('/', dot) != std::string::npos) return {};
    std::string extension = relative_path.substr(dot);
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char character) { return static_cast<char>(std::tolower(character)); });
    return extension;
}

// "guong-dien-hinh/a.csv:7" -> 7; 0 when there is no line.
int line_in(const std::string& where) {
    const auto colon = where.rfind(':');
    if (colon == std::string::npos) return 0;
    int line = 0;
    for (std::size_t position = colon + 1; position < where.size(); ++position) {
        if (where[position] < '0' || where[position] > '9') return 0;
        line = line * 10 + (where[position] - '0');
    }
    return line;
}

// Where a field's value goes in the feed: "story.name", "schedule.duration", "audience.sites", "id".
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

// "2024-05-07", "07/05/2024", "7/5/2024", "07-05-2024", "07.05.2024".
std::optional<core::CivilDate> parse_staff_date(std::string_view text) {
    if (const auto iso = core::parse_iso_date(text)) return *iso;
    int parts[3] = {0, 0, 0};
    std::size_t part = 0;
    std::size_t digits = 0;
    for (char character : text) {
        if (character >= '0' && character <= '9') {
            if (part > 2 || ++digits > 4) return std::nullopt;
            parts[part] = parts[part] * 10 + (character - '0');
        } else if ((character == '/' || character == '-' || character == '.') && digits > 0 && part < 2) {
            ++part;
            digits = 0;
        } else {
            return std::nullopt;
        }
    }
    if (part != 2 || digits != 4) return std::nullopt;
    const core::CivilDate date{.year = parts[2], .month = parts[1], .day = parts[0]};
    if (!core::is_valid_date(date)) return std::nullopt;
    return date;
}

// "95.5", "95,5" (Vietnamese decimal comma), " 88 ".
std::optional<double> parse_number(std::string text) {
    std::replace(text.begin(), text.end(), ',', '.');
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

std::optional<long> parse_whole(std::string text) {
    if (!text.empty() && text.front() == '+') text.erase(0, 1);
    long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

// Collects one item's JSON and findings while its file is read.
class ItemBuilder {
public:
    ItemBuilder(std::string file, core::ItemKind kind, std::vector<Finding>& findings,
                const std::set<std::string>& other_files)
        : file_(std::move(file)), kind_(kind), findings_(findings), other_files_(other_files) {
        item_["id"] = slug_of(stem_of(file_));
        item_["kind"] = std::string(core::to_string(kind));
        content_ = ordered_json::object();
    }

    void error(int line, StaffMessage said) { findings_.push_back(Finding::error(file_, line, std::move(said))); }
    void warning(int line, StaffMessage said) { findings_.push_back(Finding::warning(file_, line, std::move(said))); }

    // Text with something like a tag that the kiosk will show as written.
    void check_markup(std::string_view field, std::string_view value, int line) {
        const std::string lookalike = markup_lookalike(value);
        if (!lookalike.empty()) warning(line, say::markup_shown(field, lookalike));
    }

    // Where a member of the item came from, so the kiosk's own checks can name the line:
    // "story.name" -> 2, "story.body[0]" -> 9, "standings.rows[3]" -> 11.
    void remember_line(std::string member_path, int line) { lines_[std::move(member_path)] = line; }
    const std::map<std::string, int>& lines() const { return lines_; }

    template <std::size_t Count>
    void apply_fields(const std::vector<HeaderField>& fields, const FieldRule (&rules)[Count]) {
        std::set<std::string_view> seen;
        for (const HeaderField& field : fields) {
            const FieldRule* rule = find_rule(field.folded_key, rules);
            if (!rule) {
                std::vector<std::string_view> names;
                for (const FieldRule& candidate : rules) names.push_back(candidate.name);
                for (const FieldRule& candidate : common_fields) {
                    if (std::find(names.begin(), names.end(), candidate.name) == names.end()) names.push_back(candidate.name);
                }
                std::string known;
                for (std::string_view candidate : names) known += (known.empty() ? "" : ", ") + std::string(candidate);
                warning(field.line, say::unknown_field(field.key, known));
                continue;
            }
            if (!seen.insert(rule->folded).second) {
                warning(field.line, say::field_twice(rule->name));
            }
            apply(*rule, field.value, field.line);
        }
        for (const FieldRule& rule : rules) {
            if (rule.required && !seen.contains(rule.folded)) {
                const int line = fields.empty() ? 1 : fields.front().line;
                error(line, say::field_missing(rule.name));
                remember_line(member_path(rule), line);
            }
        }
    }

    void set_body(const std::vector<Paragraph>& paragraphs) {
        ordered_json body = ordered_json::array();
        for (const Paragraph& paragraph : paragraphs) {
            remember_line(std::string(core::to_string(kind_)) + ".body[" + std::to_string(body.size()) + "]",
                          paragraph.line);
            check_markup("Nội dung", paragraph.text, paragraph.line);
            body.push_back(paragraph.text);
        }
        content_["body"] = std::move(body);
    }

    ordered_json& content() { return content_; }

    // A picture path relative to this file's folder, checked to exist.
    std::optional<std::string> picture_path(std::string_view value, int line, std::string_view field_name) {
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

    void reference_picture(std::string json_pointer, std::string field, std::string relative_path, int line) {
        references_.push_back(MediaReference{.json_pointer = std::move(json_pointer),
                                             .where = file_ + ":" + std::to_string(line),
                                             .field = std::move(field),
                                             .relative_path = std::move(relative_path)});
    }

    ordered_json finish() {
        if (!schedule_.empty()) item_["schedule"] = schedule_;
        if (!audience_.empty()) item_["audience"] = audience_;
        item_[std::string(core::to_string(kind_))] = std::move(content_);
        return std::move(item_);
    }
    std::string id() const { return item_.at("id").get<std::string>(); }
    int id_line() const { return id_line_; }
    std::vector<MediaReference>& references() { return references_; }
    const std::string& file() const { return file_; }

private:
    template <std::size_t Count>
    static const FieldRule* find_rule(std::string_view folded, const FieldRule (&rules)[Count]) {
        for (const FieldRule& rule : rules) {
            if (rule.folded == folded) return &rule;
        }
        for (const FieldRule& rule : common_fields) {
            if (rule.folded == folded) return &rule;
        }
        return nullptr;
    }

    std::string member_path(const FieldRule& rule) const { return feed_member_path(kind_, rule); }

    void apply(const FieldRule& rule, const std::string& value, int line) {
        const std::string member(rule.member);
        const std::string_view name = rule.name;
        remember_line(member_path(rule), line);
        if (value.empty()) {
            if (rule.required) error(line, say::field_empty(name));
            return;
        }
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
        }
    }

    std::string file_;
    core::ItemKind kind_;
    std::vector<Finding>& findings_;
    const std::set<std::string>& other_files_;
    ordered_json item_ = ordered_json::object();
    ordered_json content_;
    ordered_json schedule_ = ordered_json::object();
    ordered_json audience_ = ordered_json::object();
    std::vector<MediaReference> references_;
    std::map<std::string, int> lines_;
    int id_line_ = 0;
};

template <std::size_t Count>
void read_text_kind(ItemBuilder& builder, const std::string& text, const FieldRule (&rules)[Count],
                    bool body_required) {
    const StaffText parsed = parse_staff_text(text);
    for (const LineProblem& problem : parsed.problems) builder.error(problem.line, say::header_line_not_a_field(problem.text));
    builder.apply_fields(parsed.fields, rules);
    if (body_required && parsed.paragraphs.empty()) {
        builder.error(0, say::story_without_paragraphs());
    }
    builder.set_body(parsed.paragraphs);
}

// Metadata rows ("Tiêu đề;…") until the row that starts the table, found by its first heading.
struct TableStart {
    std::vector<HeaderField> fields;
    std::size_t heading_row = 0;  // index into rows; rows.size() when there is none
};

TableStart split_table(const CsvTable& table, std::initializer_list<std::string_view> first_headings) {
    TableStart start;
    for (std::size_t index = 0; index < table.rows.size(); ++index) {
        const CsvRow& row = table.rows[index];
        if (row.blank()) continue;
        const std::string folded = fold_field_name(row.cell(0));
        for (std::string_view heading : first_headings) {
            if (folded == heading) {
                start.heading_row = index;
                return start;
            }
        }
        std::string key = row.cell(0);
        if (!key.empty() && key.back() == ':') key.pop_back();
        start.fields.push_back(HeaderField{.key = key, .folded_key = fold_field_name(key), .value = row.cell(1), .line = row.line});
    }
    start.heading_row = table.rows.size();
    return start;
}

// Column index of each folded heading name.
std::map<std::string, std::size_t> column_indexes(const CsvRow& headings) {
    std::map<std::string, std::size_t> columns;
    for (std::size_t index = 0; index < headings.cells.size(); ++index) {
        columns.emplace(fold_field_name(headings.cells[index]), index);
    }
    return columns;
}

std::optional<std::size_t> column(const std::map<std::string, std::size_t>& columns,
                                  std::initializer_list<std::string_view> names) {
    for (std::string_view name : names) {
        const auto found = columns.find(std::string(name));
        if (found != columns.end()) return found->second;
    }
    return std::nullopt;
}

void read_standings(ItemBuilder& builder, const CsvTable& table) {
    const TableStart start = split_table(table, {"hang"});
    builder.apply_fields(start.fields, standings_fields);
    if (start.heading_row == table.rows.size()) {
        builder.error(0, say::table_missing("Hạng, Đơn vị, Điểm, Thay đổi"));
        return;
    }
    const CsvRow& headings = table.rows[start.heading_row];
    const auto columns = column_indexes(headings);
    const auto unit_column = column(columns, {"don vi", "ten don vi"});
    const auto score_column = column(columns, {"diem", "tong diem"});
    const auto change_column = column(columns, {"thay doi", "thay doi hang"});
    if (!unit_column || !score_column) {
        builder.error(headings.line, say::table_headings_incomplete("\"Đơn vị\" và \"Điểm\""));
        return;
    }
    ordered_json rows = ordered_json::array();
    for (std::size_t index = start.heading_row + 1; index < table.rows.size(); ++index) {
        const CsvRow& row = table.rows[index];
        if (row.blank()) continue;
        ordered_json entry;
        builder.remember_line("standings.rows[" + std::to_string(rows.size()) + "]", row.line);
        const auto rank = parse_whole(row.cell(0));
        if (!rank || *rank < 1) {
            builder.error(row.line, say::rank_not_whole(row.cell(0)));
        } else {
            entry["rank"] = *rank;
        }
        entry["unit"] = row.cell(*unit_column);
        builder.check_markup("Đơn vị", row.cell(*unit_column), row.line);
        if (row.cell(*unit_column).empty()) builder.error(row.line, say::field_empty("Đơn vị"));
        const auto score = parse_number(row.cell(*score_column));
        if (!score) {
            builder.error(row.line, say::not_a_number("Điểm", row.cell(*score_column)));
        } else {
            entry["score"] = *score;
        }
        if (change_column && !row.cell(*change_column).empty()) {
            if (const auto change = parse_whole(row.cell(*change_column))) {
                entry["rank_change"] = *change;
            } else {
                builder.error(row.line, say::change_not_whole(row.cell(*change_column)));
            }
        }
        rows.push_back(std::move(entry));
    }
    if (rows.empty()) builder.error(headings.line, say::table_without_rows());
    builder.content()["rows"] = std::move(rows);
}

void read_honor_roll(ItemBuilder& builder, const CsvTable& table) {
    const TableStart start = split_table(table, {"ho va ten", "ho ten", "ten", "stt"});
    builder.apply_fields(start.fields, honor_roll_fields);
    if (start.heading_row == table.rows.size()) {
        builder.error(0, say::table_missing("Họ và tên, Lớp, Thành tích, Ảnh"));
        return;
    }
    const CsvRow& headings = table.rows[start.heading_row];
    const auto columns = column_indexes(headings);
    const auto name_column = column(columns, {"ho va ten", "ho ten", "ten"});
    const auto class_column = column(columns, {"lop", "chuc vu"});
    const auto achievement_column = column(columns, {"thanh tich", "danh hieu"});
    const auto photo_column = column(columns, {"anh"});
    if (!name_column) {
        builder.error(headings.line, say::table_headings_incomplete("\"Họ và tên\""));
        return;
    }
    ordered_json entries = ordered_json::array();
    for (std::size_t index = start.heading_row + 1; index < table.rows.size(); ++index) {
        const CsvRow& row = table.rows[index];
        if (row.blank()) continue;
        ordered_json entry;
        builder.remember_line("honor_roll.entries[" + std::to_string(entries.size()) + "]", row.line);
        entry["name"] = row.cell(*name_column);
        if (row.cell(*name_column).empty()) builder.error(row.line, say::field_empty("Họ và tên"));
        builder.check_markup("Họ và tên", row.cell(*name_column), row.line);
        if (class_column) entry["class"] = row.cell(*class_column);
        if (achievement_column) {
            entry["achievement"] = row.cell(*achievement_column);
            builder.check_markup("Thành tích", row.cell(*achievement_column), row.line);
        }
        if (photo_column && !row.cell(*photo_column).empty()) {
            if (const auto path = builder.picture_path(row.cell(*photo_column), row.line, "Ảnh")) {
                const std::string entry_index = std::to_string(entries.size());
                entry["photo"] = *path;
                builder.reference_picture("/entries/" + entry_index + "/photo",
                                          "honor_roll.entries[" + entry_index + "].photo", *path, row.line);
            }
        }
        entries.push_back(std::move(entry));
    }
    if (entries.empty()) builder.error(headings.line, say::table_without_rows());
    builder.content()["entries"] = std::move(entries);
}

void read_source_file(const ContentFiles& files, ContentFolder& folder, ordered_json& document) {
    const std::string file(source_file_name);
    const auto found = files.texts.find(file);
    if (found == files.texts.end()) {
        folder.findings.push_back(Finding::error(file, 0, say::source_file_missing()));
        return;
    }
    const auto text = decode_staff_text(found->second, file);
    if (!text) {
        folder.findings.push_back(Finding::error(file, 0, say::not_utf8()));
        return;
    }
    const StaffText parsed = parse_staff_text(*text);
    ordered_json source = ordered_json::object();
    for (const HeaderField& field : parsed.fields) {
        if (field.folded_key == "ma nguon" || field.folded_key == "ma") {
            if (!core::is_identifier(field.value)) {
                folder.findings.push_back(Finding::error(file, field.line, say::not_an_id(field.key, field.value)));
            }
            source["id"] = field.value;
            folder.source_lines["source.id"] = field.line;
        } else if (field.folded_key == "ten nguon" || field.folded_key == "ten") {
            source["name"] = field.value;
            folder.source_lines["source.name"] = field.line;
        } else {
            folder.findings.push_back(Finding::warning(file, field.line, say::source_unknown_field(field.key)));
        }
    }
    if (!source.contains("id")) folder.findings.push_back(Finding::error(file, 0, say::source_line_missing("Mã nguồn")));
    if (!source.contains("name")) folder.findings.push_back(Finding::error(file, 0, say::source_line_missing("Tên nguồn")));
    document["source"] = std::move(source);
}

}  // namespace

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

ContentFolder read_content_files(const ContentFiles& files) {
    ContentFolder folder;
    ordered_json document = ordered_json::object();
    document["format"] = "bangvang.feed/1";
    read_source_file(files, folder, document);
    document["items"] = ordered_json::array();

    std::map<std::string, std::pair<std::string, int>> first_use_of_id;  // id -> file, line
    std::set<std::string> item_files;
    for (const ContentFolderLayout& layout : content_folder_layout) {
        const std::string prefix = std::string(layout.folder) + "/";
        for (const auto& [path, bytes] : files.texts) {
            if (!path.starts_with(prefix) || lower_extension(path) != layout.extension) continue;
            item_files.insert(path);
            ItemBuilder builder(path, layout.kind, folder.findings, files.other_files);
            const auto text = decode_staff_text(bytes, path);
            if (!text) {
                builder.error(0, say::not_utf8());
                continue;
            }
            switch (layout.kind) {
                case core::ItemKind::story: read_text_kind(builder, *text, story_fields, true); break;
                case core::ItemKind::announcement: read_text_kind(builder, *text, announcement_fields, false); break;
                case core::ItemKind::commemoration: read_text_kind(builder, *text, commemoration_fields, false); break;
                case core::ItemKind::standings:
                case core::ItemKind::honor_roll: {
                    const auto table = parse_csv(*text, path);
                    if (!table) {
                        builder.error(line_in(table.problem().where), say::csv_quote_open());
                        continue;
                    }
                    if (layout.kind == core::ItemKind::standings) {
                        read_standings(builder, *table);
                    } else {
                        read_honor_roll(builder, *table);
                    }
                    break;
                }
            }
            const std::string id = builder.id();
            if (!core::is_identifier(id)) builder.error(0, say::id_from_file_name_impossible());
            const auto [previous, inserted] = first_use_of_id.emplace(id, std::make_pair(path, builder.id_line()));
            if (!inserted) {
                builder.error(builder.id_line(), say::id_taken(id, previous->second.first));
            }
            const std::size_t index = document["items"].size();
            const std::string kind_name(core::to_string(layout.kind));
            for (MediaReference reference : builder.references()) {
                reference.json_pointer = "/items/" + std::to_string(index) + "/" + kind_name + reference.json_pointer;
                folder.document.media_references.push_back(std::move(reference));
            }
            folder.item_lines.push_back(builder.lines());
            document["items"].push_back(builder.finish());
            folder.item_files.push_back(path);
        }
    }
    check_folder_layout(files, item_files, folder.findings);
    if (document["items"].empty()) {
        folder.findings.push_back(Finding::error(".", 0, say::folder_without_items()));
    }
    folder.document.json = std::move(document);
    return folder;
}

bool is_content_folder(const fs::path& directory) {
    std::error_code error;
    if (fs::exists(directory / std::string(source_file_name), error)) return true;
    for (const ContentFolderLayout& layout : content_folder_layout) {
        if (fs::is_directory(directory / std::string(layout.folder), error)) return true;
    }
    return false;
}

ContentFiles load_content_files(const fs::path& directory) {
    ContentFiles files;
    std::error_code error;
    fs::recursive_directory_iterator iterator(directory, error);
    if (error) throw PublishError(say::cannot_read(directory.string(), error.message()));
    for (const fs::directory_entry& entry : iterator) {
        if (!entry.is_regular_file(error)) continue;
        const std::string relative = fs::relative(entry.path(), directory).generic_string();
        if (relative.starts_with(".")) continue;  // hidden files and folders (.git, .DS_Store)
        const std::string extension = lower_extension(relative);
        if (extension == ".txt" || extension == ".csv") {
            std::ifstream stream(entry.path(), std::ios::binary);
            if (!stream) throw PublishError(say::cannot_read(entry.path().string(), ""));
            files.texts[relative] = std::string(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
        } else {
            files.other_files.insert(relative);
        }
    }
    return files;
}

}  // namespace bangvang::publish
