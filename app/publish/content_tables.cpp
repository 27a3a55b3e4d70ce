#include "publish/content_tables.hpp"

#include <map>
#include <optional>

#include "publish/staff_values.hpp"

namespace bangvang::publish {

namespace {

using nlohmann::ordered_json;

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

}  // namespace

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

}  // namespace bangvang::publish
