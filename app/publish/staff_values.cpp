#include "publish/staff_values.hpp"

#include <algorithm>
#include <charconv>
#include <system_error>

namespace bangvang::publish {

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

}  // namespace bangvang::publish
