#pragma once
// Small pieces of the portal's pages: HTML escaping, Vietnamese numbers, durations
// and sizes, the common head of a page.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock_time.hpp"

namespace bangvang::portal {

std::string escape_html(std::string_view text);
// 12430 -> "12 430" (a no-break space between thousands, as Vietnamese print writes them)
std::string grouped_number(std::int64_t value);
// 95 -> "1 phút", 7300 -> "2 giờ", 200000 -> "2 ngày"
std::string rough_duration(std::int64_t seconds);
// 5120004096 -> "4,8 GB"
std::string byte_size(std::int64_t bytes);
// minutes with one decimal, Vietnamese comma: 90500 ms -> "1,5"
std::string minutes_text(std::int64_t milliseconds);
// "14:05 01/12/2024" in the district's time
std::string local_time_text(core::UnixSeconds instant, int utc_offset_minutes);
// "01/12/2024"
std::string local_date_text(core::CivilDate date);

// <!doctype html> ... <body>, with the portal's stylesheet (no script at all).
std::string page_head(std::string_view title, std::string_view extra_style);

}  // namespace bangvang::portal
