#pragma once
// The folder form's day-parting, as staff write it: "Ngày trong tuần: Thứ Hai – Thứ Sáu"
// and "Giờ: 07:00–11:30, 13:30–17:00", turned into the feed's schedule.days (ISO
// weekdays, 1 = Thứ Hai … 7 = Chủ Nhật) and schedule.hours ("HH:MM" windows on the
// kiosk's wall clock). What is not understood is given back, to be named in an error. Pure.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bangvang::publish {

struct StaffWeekdays {
    std::vector<int> days;          // ascending, each once
    std::string not_understood;     // the first part that is no day nor range, as written
};

// Days separated by commas, ranges with "–", "-" or "đến" (wrapping past Chủ Nhật:
// "Thứ Bảy – Thứ Hai"); "Thứ Hai", "thu hai", "Thứ 2", "T2", "Chủ Nhật", "CN";
// "Hằng ngày" is every day.
StaffWeekdays parse_staff_weekdays(std::string_view text);

struct StaffHours {
    std::vector<std::pair<std::string, std::string>> windows;  // {"07:00", "11:30"}
    std::string not_understood;
};

// Windows separated by commas, each "FROM–TO" with "–", "-" or "đến"; a time is
// "07:00", "7:00", "7h", "7h30", "7g30" or "07.00", from 00:00 to 24:00.
StaffHours parse_staff_hours(std::string_view text);

// "phuong-a, Trường B" -> {"phuong-a", "truong-b"}: a comma separated list of ids, each
// written as the kiosk's config names it (a name with marks is turned into its id).
std::vector<std::string> parse_staff_id_list(std::string_view text);

// "Nguyễn Thị Hoà" -> "nguyen-thi-hoa": the id a name becomes (at most 64 characters).
std::string slug_of(std::string_view text);

}  // namespace bangvang::publish
