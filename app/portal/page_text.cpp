#include "portal/page_text.hpp"

#include <cstdio>

namespace bangvang::portal {

std::string escape_html(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (char character : text) {
        switch (character) {
            case '&': escaped += "&amp;"; break;
            case '<': escaped += "&lt;"; break;
            case '>': escaped += "&gt;"; break;
            case '"': escaped += "&quot;"; break;
            case '\'': escaped += "&#39;"; break;
            default: escaped += character;
        }
    }
    return escaped;
}

std::string grouped_number(std::int64_t value) {
    const bool negative = value < 0;
    std::string digits = std::to_string(negative ? -value : value);
    std::string grouped;
    for (std::size_t index = 0; index < digits.size(); ++index) {
        if (index > 0 && (digits.size() - index) % 3 == 0) grouped += "\u00a0";
        grouped += digits[index];
    }
    return negative ? "-" + grouped : grouped;
}

std::string rough_duration(std::int64_t seconds) {
    if (seconds < 60) return std::to_string(seconds < 0 ? 0 : seconds) + " giây";
    if (seconds < 3600) return std::to_string(seconds / 60) + " phút";
    if (seconds < 86'400) return std::to_string(seconds / 3600) + " giờ";
    return std::to_string(seconds / 86'400) + " ngày";
}

std::string byte_size(std::int64_t bytes) {
    char text[32];
    const double gigabytes = static_cast<double>(bytes) / 1e9;
    if (gigabytes >= 1.0) std::snprintf(text, sizeof text, "%.1f GB", gigabytes);
    else std::snprintf(text, sizeof text, "%.0f MB", static_cast<double>(bytes) / 1e6);
    std::string shown(text);
    for (char& character : shown) if (character == '.') character = ',';
    return shown;
}

std::string minutes_text(std::int64_t milliseconds) {
    const std::int64_t tenths = (milliseconds + 3000) / 6000;  // rounded to a tenth of a minute
    return grouped_number(tenths / 10) + "," + std::to_string(tenths % 10);
}

std::string local_time_text(core::UnixSeconds instant, int utc_offset_minutes) {
    const core::WallClock wall = core::to_wall_clock(instant, utc_offset_minutes);
    char text[40];
    std::snprintf(text, sizeof text, "%02d:%02d %02d/%02d/%04d", wall.hour, wall.minute, wall.date.day, wall.date.month,
                  wall.date.year);
    return text;
}

std::string local_date_text(core::CivilDate date) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d/%02d/%04d", date.day, date.month, date.year);
    return text;
}

std::string page_head(std::string_view title, std::string_view extra_style) {
    std::string head = R"(<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>)";
    head += escape_html(title);
    head += R"(</title>
<style>
body { font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; margin: 0; padding: 12px; color: #1d2330; background: #f4f5f7; }
h1 { font-size: 1.3rem; margin: 0 0 8px; color: #8a1010; }
a { color: #0b4f9c; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid #c9ced6; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #e8ebf0; }
td.number, th.number { text-align: right; white-space: nowrap; }
.muted { color: #5b6475; font-size: 0.9rem; }
)";
    head += extra_style;
    head += "</style>\n</head>\n<body>\n";
    return head;
}

}  // namespace bangvang::portal
