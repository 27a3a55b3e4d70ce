#include "publish/staff_messages.hpp"

// The messages about the folder's files: their fields, values, tables and places.

namespace bangvang::publish {

namespace {

StaffMessage message(std::string code, std::string text) { return StaffMessage{std::move(code), std::move(text)}; }

constexpr std::string_view kind_folders = "guong-dien-hinh, bang-xep-hang, bang-vang, thong-bao hoặc ky-niem";

}  // namespace

namespace say {

StaffMessage unknown_field(std::string_view field, std::string_view known_fields) {
    return message("unknown_field", "trường " + quoted(field) + " không có trong mẫu nên bị bỏ qua (các trường dùng được: " +
                                        std::string(known_fields) + ")");
}
StaffMessage field_twice(std::string_view field) {
    return message("field_twice", "trường " + quoted(field) + " được viết hai lần; dùng dòng viết sau");
}
StaffMessage field_missing(std::string_view field) {
    return message("missing_field", "thiếu trường " + quoted(field) + ": viết thêm một dòng \"" + std::string(field) +
                                        ": …\" ở đầu tệp");
}
StaffMessage field_empty(std::string_view field) {
    return message("empty_field", quoted(field) + " đang để trống: điền nội dung vào sau dấu hai chấm");
}
StaffMessage not_a_number(std::string_view field, std::string_view value) {
    return message("not_a_number", quoted(field) + ": " + quoted(value) + " không phải là số (viết 95.5 hoặc 95,5)");
}
StaffMessage not_a_date(std::string_view field, std::string_view value) {
    return message("not_a_date", quoted(field) + ": " + quoted(value) +
                                     " không phải là một ngày có thật; viết dạng 2024-05-07 hoặc 07/05/2024");
}
StaffMessage not_a_web_address(std::string_view field, std::string_view value) {
    return message("not_a_url", quoted(field) + ": " + quoted(value) +
                                    " phải là địa chỉ trang web bắt đầu bằng https:// (chép nguyên từ thanh địa chỉ)");
}
StaffMessage not_an_id(std::string_view field, std::string_view value) {
    return message("not_an_id", quoted(field) + ": " + quoted(value) +
                                    " chỉ được gồm chữ thường không dấu a-z, chữ số và dấu \"-\", tối đa 64 ký tự, "
                                    "ví dụ nguyen-thi-hoa");
}
StaffMessage duration_out_of_range(std::string_view field, std::string_view value) {
    return message("duration_range", quoted(field) + ": " + quoted(value) + " phải là số giây từ 3 đến 600");
}
StaffMessage weight_out_of_range(std::string_view field, std::string_view value) {
    return message("weight_range", quoted(field) + ": " + quoted(value) +
                                       " phải là số nguyên từ 1 đến 100 (2 = hiện nhiều gấp đôi các mục khác)");
}
StaffMessage priority_unknown(std::string_view field, std::string_view value) {
    return message("priority_unknown", quoted(field) + ": " + quoted(value) + " phải là \"khẩn\" hoặc \"thường\"");
}
StaffMessage weekdays_unknown(std::string_view field, std::string_view part) {
    return message("weekdays_unknown", quoted(field) + ": không hiểu " + quoted(part) +
                                           "; viết các ngày cách nhau bằng dấu phẩy (Thứ Hai, Thứ Tư, Thứ Sáu) hoặc "
                                           "một khoảng (Thứ Hai – Thứ Sáu), từ Thứ Hai đến Chủ Nhật");
}
StaffMessage hours_unknown(std::string_view field, std::string_view part) {
    return message("hours_unknown", quoted(field) + ": " + quoted(part) +
                                        " không phải một khoảng giờ; viết giờ bắt đầu và giờ kết thúc như 07:00–11:30, "
                                        "nhiều khoảng cách nhau bằng dấu phẩy, giờ từ 00:00 đến 24:00");
}
StaffMessage picture_path_unsafe(std::string_view field, std::string_view value) {
    return message("picture_path", quoted(field) + ": " + quoted(value) +
                                       " phải là tên một ảnh nằm cùng thư mục với tệp này (không có \"..\", không "
                                       "bắt đầu bằng \"/\")");
}
StaffMessage picture_missing(std::string_view value, std::string_view folder) {
    return message("picture_missing", "không tìm thấy ảnh " + quoted(value) + ": đặt ảnh vào thư mục " + quoted(folder) +
                                          " cạnh tệp này, đúng tên như đã viết");
}
StaffMessage story_without_paragraphs() {
    return message("no_paragraphs", "bài chưa có đoạn nội dung nào: sau các dòng trường, để một dòng trống rồi viết "
                                    "nội dung");
}
StaffMessage header_line_not_a_field(std::string_view line_text) {
    return message("not_a_field_line", "trước dòng trống đầu tiên mỗi dòng phải là một trường như \"Tên: Nguyễn Văn A\", "
                                       "nhưng dòng này là " + quoted(line_text) +
                                       "; nếu đây là nội dung, hãy để một dòng trống phía trên nó");
}
StaffMessage table_missing(std::string_view headings) {
    return message("no_table", "không thấy bảng: thêm một hàng tiêu đề cột \"" + std::string(headings) +
                                   "\" phía trên các hàng");
}
StaffMessage table_headings_incomplete(std::string_view required_headings) {
    return message("table_headings", "hàng tiêu đề cột phải có " + std::string(required_headings));
}
StaffMessage table_without_rows() {
    return message("no_rows", "bảng không có hàng nào dưới hàng tiêu đề cột: thêm ít nhất một hàng");
}
StaffMessage rank_not_whole(std::string_view value) {
    return message("rank", quoted("Hạng") + ": " + quoted(value) + " phải là số nguyên từ 1 trở lên");
}
StaffMessage change_not_whole(std::string_view value) {
    return message("rank_change", quoted("Thay đổi") + ": " + quoted(value) + " phải là số nguyên như +2 hoặc -1");
}
StaffMessage csv_quote_open() {
    return message("csv_quote", "một ô mở dấu ngoặc kép (\") mà không đóng lại: thêm dấu \" còn thiếu ở cuối ô");
}
StaffMessage not_utf8() {
    return message("not_utf8",
                   "tệp không được lưu dạng UTF-8 nên không đọc đúng được chữ Việt. Lưu lại dưới dạng UTF-8: trong "
                   "Excel chọn \"File > Save As\", kiểu \"CSV UTF-8 (Comma delimited)\"; trong LibreOffice chọn "
                   "\"File > Save As\", đánh dấu \"Edit filter settings\" rồi chọn bộ mã \"Unicode (UTF-8)\"; trong "
                   "Notepad chọn Encoding \"UTF-8\"");
}
StaffMessage source_file_missing() {
    return message("source_file_missing", "thiếu tệp nguon.txt: tạo tệp này với hai dòng \"Mã nguồn: quan-thanh-xuan\" "
                                          "và \"Tên nguồn: UBND quận Thanh Xuân\" (lệnh bangvang-publish init tạo sẵn)");
}
StaffMessage source_line_missing(std::string_view field) {
    return message("source_line_missing", "thiếu dòng \"" + std::string(field) + ": …\": viết thêm dòng này vào nguon.txt");
}
StaffMessage source_unknown_field(std::string_view field) {
    return message("unknown_field", "trường " + quoted(field) +
                                        " không có trong mẫu nên bị bỏ qua (dùng được: Mã nguồn, Tên nguồn)");
}
StaffMessage id_from_file_name_impossible() {
    return message("id_from_file_name", "không tạo được mã từ tên tệp: thêm một dòng \"Mã: ten-khong-dau\"");
}
StaffMessage id_taken(std::string_view id, std::string_view other_file) {
    return message("id_taken", "mã " + quoted(id) + " đã được dùng cho " + std::string(other_file) +
                                   "; đổi tên một trong hai tệp hoặc thêm dòng \"Mã: …\" khác nhau");
}
StaffMessage file_outside_folders() {
    return message("outside_folders", "tệp nằm ngoài các thư mục của mẫu nên sẽ KHÔNG được đăng: chuyển nó vào " +
                                          std::string(kind_folders) +
                                          "; nếu chỉ là ghi chú, đổi đuôi tệp thành .md");
}
StaffMessage folder_not_in_template(std::string_view folder, std::optional<std::string_view> nearest) {
    const std::string said = "thư mục " + quoted(std::string(folder) + "/") +
                             " không phải thư mục của mẫu nên tệp này sẽ KHÔNG được đăng; ";
    if (nearest) {
        return message("unknown_folder", said + "có phải là " + quoted(std::string(*nearest) + "/") +
                                             "? Đổi tên thư mục cho đúng (chữ thường, không dấu, nối bằng \"-\")");
    }
    return message("unknown_folder", said + "chuyển tệp vào một trong các thư mục " + std::string(kind_folders) +
                                         "; nếu chỉ là ghi chú, đổi đuôi tệp thành .md");
}
StaffMessage wrong_extension_in_folder(std::string_view folder, std::string_view extension) {
    return message("wrong_extension", "tệp trong " + quoted(std::string(folder) + "/") + " phải có đuôi " +
                                          std::string(extension) +
                                          " nên tệp này sẽ KHÔNG được đăng: lưu lại dạng " + std::string(extension) +
                                          " hoặc chuyển nó vào đúng thư mục; nếu chỉ là ghi chú, đổi đuôi tệp thành .md");
}
StaffMessage markup_shown(std::string_view field, std::string_view snippet) {
    return message("markup_shown", quoted(field) + " có đoạn trông như mã HTML (thẻ <…> hoặc &…;) trong " +
                                       quoted(snippet) +
                                       ": màn hình sẽ hiện đúng như đã viết; xóa đoạn đó nếu không muốn người xem thấy");
}
StaffMessage glyph_missing(std::string_view label, std::string_view character, std::string_view code_point,
                           std::string_view what) {
    return message("glyph_missing", quoted(label) + " có ký tự " + quoted(character) + " (" + std::string(code_point) +
                                        (what.empty() ? "" : ", " + std::string(what)) +
                                        ") mà màn hình không có phông chữ nào vẽ được: nó sẽ hiện thành ô vuông; "
                                        "xóa ký tự đó hoặc thay bằng chữ");
}
StaffMessage right_to_left_text(std::string_view label, std::string_view script, std::string_view sample,
                                 std::string_view code_point) {
    return message("right_to_left", quoted(label) + " có chữ " + std::string(script) + " " + quoted(sample) + " (" +
                                        std::string(code_point) +
                                        "): màn hình chưa hiện đúng được chữ viết từ phải sang trái; "
                                        "xóa đoạn đó, hoặc đưa nó vào một ảnh");
}
StaffMessage in_json_item(std::string_view item_id, StaffMessage said) {
    said.text = "mục " + quoted(item_id) + ", " + said.text;
    return said;
}
StaffMessage office_file_ignored() {
    return message("office_file", "bị bỏ qua: lưu bài viết dạng văn bản thuần (.txt) và bảng dạng CSV (.csv)");
}
StaffMessage folder_without_items() {
    return message("no_items", "thư mục chưa có mục nào: thêm tệp vào guong-dien-hinh, bang-xep-hang, bang-vang, "
                               "thong-bao hoặc ky-niem");
}

}  // namespace say

}  // namespace bangvang::publish
