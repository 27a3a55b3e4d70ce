#include "publish/staff_messages.hpp"

#include <cstdio>

#include "publish/content_findings.hpp"

namespace bangvang::publish {

namespace {

StaffMessage message(std::string code, std::string text) { return StaffMessage{std::move(code), std::move(text)}; }

std::string number(std::int64_t value) { return std::to_string(value); }

// The whole number right after `prefix` in `text`, e.g. "is too long: 187 characters" -> 187.
std::string number_after(std::string_view text, std::string_view prefix) {
    const auto found = text.find(prefix);
    if (found == std::string_view::npos) return {};
    std::string digits;
    for (std::size_t position = found + prefix.size(); position < text.size(); ++position) {
        if (text[position] < '0' || text[position] > '9') break;
        digits += text[position];
    }
    return digits;
}

}  // namespace

core::Problem staff_problem(std::string where, const StaffMessage& said) {
    return core::Problem{.where = std::move(where), .field = "", .reason = said.text + " [" + said.code + "]"};
}

std::string quoted(std::string_view text) { return "\xE2\x80\x9C" + std::string(text) + "\xE2\x80\x9D"; }

namespace say {

StaffMessage picture_too_small(std::string_view picture, int width, int height, int minimum_side) {
    return message("picture_small", "ảnh " + quoted(picture) + " chỉ có " + number(width) + "x" + number(height) +
                                        " điểm ảnh nên sẽ bị mờ trên màn hình; dùng ảnh có cạnh ngắn ít nhất " +
                                        number(minimum_side) + " điểm ảnh");
}
StaffMessage picture_unusable(std::string_view picture, std::string_view reason) {
    std::string why = "không dùng được";
    if (reason.find("not a JPEG or PNG") != std::string_view::npos) {
        why = "không phải ảnh JPEG hoặc PNG: lưu lại ảnh dạng .jpg hoặc .png";
    } else if (reason.find("too large") != std::string_view::npos) {
        why = "quá lớn: thu nhỏ ảnh (dưới 32 MB) rồi thử lại";
    } else if (reason.find("does not exist") != std::string_view::npos) {
        why = "không có: đặt ảnh vào đúng thư mục";
    } else if (reason.find("decoded") != std::string_view::npos) {
        why = "bị hỏng hoặc lưu dở nên không mở được: xuất lại ảnh từ máy ảnh hoặc phần mềm sửa ảnh";
    }
    return message("picture_unusable", "ảnh " + quoted(picture) + " " + why + " [" + std::string(reason) + "]");
}

StaffMessage feed_rule(std::string_view label, const core::Problem& problem) {
    const std::string& reason = problem.reason;
    const std::string code_field = problem.field.empty() ? std::string() : " " + problem.field;
    const std::string name = quoted(label);
    if (reason.starts_with("is too long:")) {
        return message("too_long" + code_field, name + " dài " + number_after(reason, "is too long: ") +
                                                    " ký tự, tối đa " + number_after(reason, "at most ") +
                                                    ": rút ngắn lại");
    }
    if (reason.starts_with("has ") && reason.find("entries, at most") != std::string::npos) {
        return message("too_many" + code_field, name + " có " + number_after(reason, "has ") + " mục, tối đa " +
                                                    number_after(reason, "at most ") + ": tách thành nhiều tệp");
    }
    if (reason == "is required but missing" || reason == "must not be empty") {
        return message("missing" + code_field, name + " đang thiếu hoặc để trống: điền nội dung vào");
    }
    if (reason.starts_with("contains the control character")) {
        return message("control_character" + code_field,
                       name + " có ký tự điều khiển không hiện được (" + reason.substr(reason.rfind(' ') + 1) +
                           "), thường do chép từ trang web hoặc Word: gõ lại đoạn đó");
    }
    if (reason.starts_with("is not valid UTF-8")) {
        return message("not_utf8" + code_field, name + " có ký tự không đọc được: lưu lại tệp dạng UTF-8");
    }
    if (reason.starts_with("must be after")) {
        return message("order" + code_field, name + " phải sau ngày bắt đầu: sửa lại ngày");
    }
    if (reason.starts_with("must be an http") || reason.starts_with("must not contain spaces") ||
        reason.starts_with("is longer than")) {
        return message("url" + code_field, name + " không phải là một địa chỉ web dùng được (chỉ chép nguyên địa chỉ "
                                                  "https://… không có dấu cách, ngoặc kép, dấu < >)");
    }
    if (reason.starts_with("must be greater than 0")) {
        return message("positive" + code_field, name + " phải lớn hơn 0");
    }
    return message("feed_rule" + code_field,
                   name + " không được máy chiếu chấp nhận: sửa lại theo hướng dẫn HUONG-DAN.md (" +
                       problem.message() + ")");
}
StaffMessage text_cut_everywhere(std::string_view item_id, std::string_view shapes) {
    return message("text_cut_everywhere", "mục " + quoted(item_id) +
                                              ": nội dung quá dài cho mọi cỡ màn hình (bị cắt bằng \xE2\x80\xA6 ở " +
                                              std::string(shapes) +
                                              ") nên người xem không đọc được phần sau; rút ngắn các đoạn hoặc tách "
                                              "thành hai mục");
}
StaffMessage text_cut_everywhere_reachable(std::string_view item_id, std::string_view shapes, std::string_view why) {
    return message("text_cut_everywhere", "mục " + quoted(item_id) +
                                              ": nội dung quá dài cho mọi cỡ màn hình (bị cắt bằng \xE2\x80\xA6 ở " +
                                              std::string(shapes) + "), nhưng " + std::string(why) +
                                              "; nên rút ngắn các đoạn hoặc tách thành hai mục");
}
StaffMessage text_cut_on_some_screens(std::string_view item_id, std::string_view shapes) {
    return message("text_cut", "mục " + quoted(item_id) + ": nội dung quá dài cho một số màn hình (bị cắt bằng "
                                                          "\xE2\x80\xA6 ở " +
                                   std::string(shapes) + "); nên rút ngắn các đoạn hoặc tách thành hai mục");
}
std::string qr_code_leads_to_article() { return "mã QR dẫn tới toàn bài"; }

StaffMessage option_refused(std::string_view option, std::string_view what_to_write) {
    return message("option " + std::string(option), std::string(option) + ": " + std::string(what_to_write));
}
StaffMessage version_below_previous(std::int64_t previous) {
    return message("option --version", "--version phải từ " + number(previous) +
                                           " trở lên, là phiên bản đã có trong thư mục xuất (máy chiếu bỏ qua phiên bản "
                                           "cũ hơn)");
}
StaffMessage expiry_not_after_issue(std::string_view issued_at) {
    return message("option --expires-at", "--expires-at phải sau thời điểm phát hành " + std::string(issued_at));
}
StaffMessage key_file_unreadable(std::string_view file) {
    return message("key_file", "không mở được tệp khóa " + std::string(file) +
                                   ": kiểm tra đường dẫn (tệp NAME.secret do lệnh keygen tạo)");
}
StaffMessage key_file_invalid(std::string_view file, std::string_view reason) {
    return message("key_file", "tệp khóa " + std::string(file) + " không phải khóa bí mật của lệnh keygen [" +
                                   std::string(reason) + "]");
}
StaffMessage not_a_content_folder(std::string_view folder) {
    return message("not_content_folder", std::string(folder) +
                                             " không phải thư mục nội dung: không có nguon.txt và các thư mục của lệnh "
                                             "bangvang-publish init, cũng không có source.json");
}
StaffMessage failure(std::string_view what) {
    return message("failure", "không làm tiếp được: " + std::string(what));
}

std::string checking_folder(std::string_view folder) {
    return "đang kiểm tra " + std::string(folder) + " (vẽ thử mọi trang ở mọi cỡ màn hình)";
}
std::string summary(std::size_t errors, std::size_t warnings) {
    return number(static_cast<std::int64_t>(errors)) + " lỗi, " + number(static_cast<std::int64_t>(warnings)) +
           " cảnh báo";
}
std::string build_refused(std::size_t errors) {
    return "chưa xuất bản: còn " + number(static_cast<std::int64_t>(errors)) +
           " lỗi ở trên; sửa xong rồi chạy lại (bangvang-publish validate liệt kê đủ cả)";
}
std::string built(std::string_view manifest_file, std::string_view source_id, std::int64_t version, std::size_t items,
                  std::size_t media, std::string_view expires_at) {
    return "đã ghi " + std::string(manifest_file) + ": nguồn " + std::string(source_id) + ", phiên bản " +
           number(version) + ", " + number(static_cast<std::int64_t>(items)) + " mục, " +
           number(static_cast<std::int64_t>(media)) + " ảnh, hết hạn " + std::string(expires_at);
}
std::string signed_with(std::string_view signature_file) { return "đã ký: " + std::string(signature_file); }
std::string not_signed() {
    return "chưa ký (không có --key): máy chiếu đòi chữ ký sẽ từ chối bản này";
}
std::string picture_progress(std::size_t index, std::size_t total, std::string_view picture, int width, int height,
                             bool re_encoded) {
    return "ảnh " + number(static_cast<std::int64_t>(index)) + "/" + number(static_cast<std::int64_t>(total)) + " " +
           std::string(picture) + ": " + number(width) + "x" + number(height) +
           (re_encoded ? " (đã xử lý lại)" : " (giữ nguyên)");
}
std::string preview_slide(std::string_view file, bool text_cut) {
    return std::string(file) + (text_cut ? "  (chữ bị cắt bằng \xE2\x80\xA6)" : "");
}
std::string preview_refused(std::size_t errors) {
    return "chưa vẽ được: còn " + number(static_cast<std::int64_t>(errors)) + " lỗi ở trên; sửa xong rồi chạy lại";
}
std::string shape_unknown(std::string_view text) {
    return "--shape " + std::string(text) + ": viết cỡ màn hình dạng RỘNGxCAO như 1920x1080, hoặc all";
}
std::string moment_unknown(std::string_view text, std::string_view reason) {
    return "--at " + std::string(text) + ": không phải thời điểm hợp lệ, viết như 2024-11-20T08:00:00+07:00 [" +
           std::string(reason) + "]";
}
std::string media_progress(std::size_t index, std::size_t total, std::string_view what, std::uint64_t bytes) {
    std::string line = "ảnh " + number(static_cast<std::int64_t>(index)) + "/" + number(static_cast<std::int64_t>(total)) +
                       " " + std::string(what);
    if (bytes > 0) line += " (" + number(static_cast<std::int64_t>(bytes / 1024)) + " KiB)";
    return line;
}
std::string pushed(std::int64_t version, std::string_view target, std::size_t uploaded, std::size_t skipped,
                   double mebibytes, double seconds) {
    char figures[64];
    std::snprintf(figures, sizeof figures, "%.1f MiB trong %.1f giây", mebibytes, seconds);
    return "đã đưa phiên bản " + number(version) + " lên " + std::string(target) + ": tải lên " +
           number(static_cast<std::int64_t>(uploaded)) + " ảnh, " + number(static_cast<std::int64_t>(skipped)) +
           " ảnh đã có sẵn, " + figures;
}
std::string replaced_version(std::int64_t version) { return "thay cho phiên bản " + number(version); }
std::string push_http_failed(std::string_view method, std::string_view url, long status) {
    std::string hint;
    if (status == 401 || status == 403) hint = ": máy chủ không nhận mã truy cập, kiểm tra --token";
    else if (status == 405) hint = ": máy chủ không cho ghi (PUT) ở địa chỉ này, nhờ quản trị bật WebDAV PUT";
    else if (status == 404) hint = ": không có địa chỉ này, kiểm tra lại đường dẫn";
    else if (status >= 500) hint = ": máy chủ đang lỗi, thử lại sau hoặc báo quản trị";
    return "không gửi được " + std::string(method) + " " + std::string(url) + " (HTTP " + std::to_string(status) + ")" +
           hint;
}
std::string push_request_failed(std::string_view method, std::string_view url, std::string_view reason) {
    return "không kết nối được để gửi " + std::string(method) + " " + std::string(url) +
           ": kiểm tra mạng và địa chỉ rồi thử lại [" + std::string(reason) + "]";
}
std::string push_feed_incomplete(std::string_view file) {
    return std::string(file) + " bị thiếu hoặc sai kích thước: chạy lại bangvang-publish build";
}
std::string push_media_altered(std::string_view file) {
    return std::string(file) + " đã bị sửa sau khi build: chạy lại bangvang-publish build";
}
std::string push_not_newer(std::string_view target, std::int64_t live, std::int64_t version) {
    return std::string(target) + " đã có phiên bản " + number(live) + ", không cũ hơn phiên bản " + number(version) +
           " này nên máy chiếu sẽ bỏ qua: chạy lại build (hoặc dùng push --force)";
}
std::string push_other_source(std::string_view target, std::string_view live_source, std::string_view source) {
    return std::string(target) + " đang chứa nguồn \"" + std::string(live_source) + "\", không phải \"" +
           std::string(source) + "\": kiểm tra lại địa chỉ";
}
std::string push_feed_invalid(std::string_view reason) {
    return "thư mục này không phải bản build dùng được: chạy lại bangvang-publish build [" + std::string(reason) + "]";
}
std::string not_a_feed_manifest(std::string_view where) {
    return std::string(where) + " không phải bản tin bangvang (manifest.json)";
}
std::string status_empty(std::string_view target) {
    return std::string(target) + ": chưa có bản nào được đưa lên";
}
std::string status_live(std::string_view target, std::int64_t version, std::string_view source_id,
                        std::string_view issued_at, std::string_view expires_at, bool signed_feed) {
    return std::string(target) + ": phiên bản " + number(version) + ", nguồn " + std::string(source_id) +
           ", phát hành " + std::string(issued_at) + ", hết hạn " + std::string(expires_at) + ", " +
           (signed_feed ? "đã ký" : "CHƯA KÝ");
}
std::string keys_written(std::string_view secret_file, std::string_view public_file, std::string_view public_key,
                         std::string_view key_id) {
    return "khóa bí mật: " + std::string(secret_file) + " (giữ kín; nó ký các bản tin)\nkhóa công khai: " +
           std::string(public_file) + " (chép dòng này vào mục \"keys\" trong cấu hình mọi máy chiếu):\n" +
           std::string(public_key) + "\nmã khóa: " + std::string(key_id);
}
std::string init_written(std::string_view file) { return "đã ghi " + std::string(file); }
std::string init_next_step(std::string_view guide, std::string_view folder) {
    return "Đọc " + std::string(guide) + " để bắt đầu; kiểm tra bằng: bangvang-publish validate " + std::string(folder);
}
std::string command_line_mistake(std::string_view detail) {
    return "lệnh chưa đúng: " + std::string(detail) + ". Xem cách dùng: bangvang-publish LỆNH --help";
}

std::string cannot_read(std::string_view path, std::string_view cause) {
    return "không đọc được " + std::string(path) + (cause.empty() ? "" : ": " + std::string(cause)) +
           " (kiểm tra tệp còn đó và bạn có quyền đọc)";
}
std::string cannot_write(std::string_view path, std::string_view cause) {
    return "không ghi được " + std::string(path) + ": " + std::string(cause) +
           " (kiểm tra ổ đĩa còn chỗ và bạn có quyền ghi)";
}
std::string cannot_create_folder(std::string_view path, std::string_view cause) {
    return "không tạo được thư mục " + std::string(path) + ": " + std::string(cause);
}
std::string key_exists(std::string_view path) {
    return "không ghi đè khóa đã có " + std::string(path) + ": chọn tên khác (mất khóa bí mật thì phải cấu hình lại mọi "
                                                             "máy chiếu tin nó)";
}
std::string key_name_needed(std::string_view given) {
    return "keygen --out cần dạng THƯ-MỤC/TÊN, nhưng nhận được " + quoted(given);
}

}  // namespace say

std::string format_finding(const Finding& finding) {
    std::string text = finding.file.empty() ? std::string(".") : finding.file;
    if (finding.line > 0) text += ", dòng " + std::to_string(finding.line);
    text += finding.severity == Severity::error ? ": lỗi: " : ": cảnh báo: ";
    text += finding.message;
    if (!finding.code.empty()) text += " [" + finding.code + "]";
    return text;
}

}  // namespace bangvang::publish
