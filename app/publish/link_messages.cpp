#include "publish/staff_messages.hpp"

// What staff are told about a story's link whose QR code would be too fine to scan,
// declared with every other message in staff_messages.hpp (staff_messages.cpp is full).
namespace bangvang::publish {

namespace {

StaffMessage message(std::string code, std::string text) { return StaffMessage{std::move(code), std::move(text)}; }

std::string number(std::size_t value) { return std::to_string(value); }

}  // namespace

namespace say {

StaffMessage link_too_long(std::size_t length, std::size_t maximum, std::string_view shapes, bool accented) {
    return message("link_too_long story.portal_url",
                   quoted("Liên kết") + " dài " + number(length) + " ký tự" +
                       (accented ? " (mỗi chữ có dấu tính 2–3 ký tự)" : "") +
                       ": mã QR sẽ quá dày, điện thoại không quét được ở màn hình " + std::string(shapes) +
                       "; tối đa " + number(maximum) +
                       " ký tự, hãy dùng liên kết rút gọn của cổng thông tin");
}

}  // namespace say

}  // namespace bangvang::publish
