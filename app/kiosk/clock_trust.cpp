#include "kiosk/clock_trust.hpp"

#include <system_error>

namespace bangvang::kiosk {

ClockTrust read_clock_trust(const std::filesystem::path& synchronized_file) {
    if (synchronized_file.empty()) return ClockTrust::not_watched;
    std::error_code error;
    if (std::filesystem::exists(synchronized_file, error)) return ClockTrust::synchronized;
    if (std::filesystem::is_directory(synchronized_file.parent_path(), error)) return ClockTrust::waiting;
    return ClockTrust::not_watched;
}

std::string describe_clock_trust(ClockTrust trust) {
    switch (trust) {
        case ClockTrust::synchronized: return "đã đồng bộ";
        case ClockTrust::waiting: return "chưa đồng bộ (chờ máy chủ giờ)";
        case ClockTrust::not_watched: return "không có timesyncd (tin đồng hồ máy)";
    }
    return "";
}

}  // namespace bangvang::kiosk
