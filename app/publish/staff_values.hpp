#pragma once
// Values as staff type them in the folder form's fields and tables.
#include <optional>
#include <string>
#include <string_view>

#include "core/clock_time.hpp"

namespace bangvang::publish {

// "2024-05-07", "07/05/2024", "7/5/2024", "07-05-2024", "07.05.2024".
std::optional<core::CivilDate> parse_staff_date(std::string_view text);
// "95.5", "95,5" (Vietnamese decimal comma), " 88 ".
std::optional<double> parse_number(std::string text);
// "12", "+3", "-2".
std::optional<long> parse_whole(std::string text);

}  // namespace bangvang::publish
