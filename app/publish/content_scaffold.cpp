#include "publish/content_scaffold.hpp"

#include <SDL.h>
#include <SDL_image.h>

#include <memory>
#include <string_view>
#include <system_error>

#include "publish/atomic_file.hpp"
#include "publish/publish_error.hpp"
#include "publish/staff_messages.hpp"
#include "render/sdl_handles.hpp"

namespace bangvang::publish {

namespace {

namespace fs = std::filesystem;

using render::SurfacePtr;

constexpr std::string_view source_text = R"(Mã nguồn: phuong-vi-du
Tên nguồn: UBND phường Ví Dụ
)";

constexpr std::string_view story_text = R"(Tên: Nguyễn Thị Hoa
Chức vụ: Tổ trưởng tổ dân phố số 5
Đơn vị: Phường Ví Dụ
Danh hiệu: Giấy khen của Chủ tịch UBND quận
Phong trào: Toàn dân đoàn kết xây dựng đời sống văn hóa
Ngày: 2024-05-07
Ảnh: nguyen-thi-hoa.jpg
Liên kết: https://example.gov.vn/guong-dien-hinh/nguyen-thi-hoa
Tiêu đề: Người giữ lửa tình làng nghĩa xóm

Đoạn thứ nhất của câu chuyện: bà Hoa là ai, làm gì, ở đâu. Viết như một bài báo ngắn,
mỗi đoạn ba đến năm câu.

Đoạn thứ hai: việc làm cụ thể, con số, kết quả đạt được.

Đoạn thứ ba: được khen thưởng ra sao, ý nghĩa với khu dân cư.
)";

constexpr std::string_view standings_csv =
    "Tiêu đề;Bảng xếp hạng thi đua\r\n"
    "Cụm;Cụm thi đua số 1 – các phường\r\n"
    "Thời gian;6 tháng đầu năm 2024\r\n"
    "Cập nhật;05/07/2024\r\n"
    "Điểm tối đa;100\r\n"
    "\r\n"
    "Hạng;Đơn vị;Điểm;Thay đổi\r\n"
    "1;Phường Ví Dụ;95,5;+2\r\n"
    "2;Phường Mẫu;93;-1\r\n"
    "3;Phường Thứ Ba;90,25;\r\n";

constexpr std::string_view honor_roll_csv =
    "Tiêu đề,Bảng vàng học sinh giỏi\r\n"
    "Đơn vị,Trường THCS Ví Dụ\r\n"
    "Thời gian,Năm học 2023 – 2024\r\n"
    "\r\n"
    "Họ và tên,Lớp,Thành tích,Ảnh\r\n"
    "Trần Minh An,9A1,\"Giải Nhất Toán, cấp thành phố\",\r\n"
    "Lê Thu Hà,8A2,Giải Ba Ngữ văn cấp quận,\r\n"
    "Phạm Gia Bảo,7A3,Học sinh xuất sắc,\r\n";

constexpr std::string_view announcement_text = R"(Tiêu đề: Cuộc thi viết về gương điển hình tiên tiến năm 2024
Phong trào: Người tốt, việc tốt
Ảnh: cuoc-thi-viet.jpg

Nội dung thông báo: ai được tham gia, nộp bài ở đâu, hạn cuối ngày nào.

Có thể viết nhiều đoạn; mỗi đoạn cách nhau một dòng trống.
)";

constexpr std::string_view commemoration_text = R"(Sự kiện: Ngày Giải phóng Thủ đô
Ngày gốc: 10/10/1954
Ngày kỷ niệm: 10/10/2024

Một hoặc hai đoạn ngắn về ý nghĩa của ngày kỷ niệm.
)";

constexpr std::string_view guide_text = R"(# Hướng dẫn soạn nội dung cho màn hình Bảng vàng

Thư mục này là nội dung của một đơn vị. Mỗi tệp là một trang trên màn hình.
Sửa các tệp mẫu, thêm tệp mới cùng kiểu, rồi kiểm tra và xem trước:

    bangvang-publish validate THU-MUC
    bangvang-publish preview THU-MUC --out xem-truoc
    bangvang-publish build THU-MUC --key khoa/don-vi.secret --out ban-phat-hanh
    bangvang-publish push ban-phat-hanh https://cong-thong-tin/bangvang/don-vi --token MA-TRUY-CAP

## Các thư mục

| Thư mục | Nội dung | Kiểu tệp |
|---|---|---|
| `nguon.txt` | mã và tên đơn vị đăng tin | văn bản |
| `guong-dien-hinh/` | gương điển hình: mỗi người một tệp, ảnh đặt bên cạnh | `.txt` + `.jpg` |
| `bang-xep-hang/` | bảng xếp hạng thi đua | `.csv` |
| `bang-vang/` | bảng vàng (học sinh giỏi, cá nhân xuất sắc) | `.csv` |
| `thong-bao/` | thông báo | `.txt` |
| `ky-niem/` | ngày kỷ niệm | `.txt` |

## Tệp văn bản (.txt)

Phần đầu là các dòng "Tên trường: giá trị", sau đó **một dòng trống**, rồi đến
các đoạn văn (các đoạn cách nhau một dòng trống). Ngày viết 2024-05-07 hoặc 07/05/2024.
Gương điển hình cần "Tên" và "Tiêu đề"; thêm "Chức vụ", "Đơn vị", "Danh hiệu",
"Phong trào", "Ngày", "Ảnh" (tên tệp ảnh cùng thư mục) và "Liên kết" (địa chỉ bài
viết trên cổng thông tin, hiện thành mã QR; tối đa 106 ký tự để điện thoại quét được
trên mọi màn hình, địa chỉ dài hơn thì dùng liên kết rút gọn của cổng thông tin).

Mọi tệp đều có thể thêm: "Thời lượng: 20" (số giây trên màn hình), "Trọng số: 2"
(hiện nhiều gấp đôi các trang khác, từ 1 đến 100), "Hiển thị từ",
"Hiển thị đến" (ngày), "Nơi hiển thị: phuong-a, truong-b" (chỉ hiện ở các điểm đó),
"Ưu tiên: khẩn", "Mã: ten-khong-dau" (mặc định là tên tệp).

Chọn ngày, giờ và nhóm máy chiếu (bỏ trống là mọi ngày, cả ngày, mọi máy):

    Ngày trong tuần: Thứ Hai – Thứ Sáu
    Giờ: 07:00–11:30, 13:30–17:00
    Nhóm máy chiếu: truong-hoc, nha-van-hoa

- "Ngày trong tuần": các ngày cách nhau bằng dấu phẩy (Thứ Hai, Thứ Tư, Thứ Sáu),
  hoặc một khoảng (Thứ Hai – Thứ Sáu); viết tắt T2…T7, CN cũng được.
- "Giờ": các khoảng giờ cách nhau bằng dấu phẩy, mỗi khoảng "giờ bắt đầu–giờ kết thúc"
  như 07:00–11:30 (7h30 cũng được), tối đa 8 khoảng; theo giờ Việt Nam trên máy chiếu.
- "Nhóm máy chiếu" (hoặc "Nhóm máy"): trang chỉ hiện trên máy chiếu có ít nhất một
  nhóm này trong cấu hình ("tags" của máy). "Nơi hiển thị" chọn theo điểm đặt máy
  ("site"); có cả hai thì máy phải khớp cả hai.

Lưu bằng Notepad với bảng mã **UTF-8**.

## Bảng tính (.csv)

Soạn trong Excel hoặc LibreOffice: vài dòng đầu là "Tiêu đề", "Cụm", "Thời gian",
"Cập nhật", "Điểm tối đa" (cột A là tên, cột B là giá trị), một dòng trống, rồi
bảng có dòng tiêu đề cột:

- bảng xếp hạng: `Hạng, Đơn vị, Điểm, Thay đổi` (Thay đổi: +2 lên hai bậc, -1 xuống một bậc);
- bảng vàng: `Họ và tên, Lớp, Thành tích, Ảnh`.

Lưu lại: Excel "File > Save As", chọn kiểu **CSV UTF-8 (Comma delimited)**;
LibreOffice "File > Save As", đánh dấu "Edit filter settings", chọn bảng mã
**Unicode (UTF-8)**. Dấu phẩy hay dấu chấm phẩy đều được.

## Ảnh

Ảnh JPEG hoặc PNG, càng rõ càng tốt (ít nhất 600 điểm ảnh mỗi chiều). Chương trình tự
xoay ảnh chụp bằng điện thoại cho đúng chiều, thu nhỏ ảnh lớn và xóa thông tin ẩn
trong ảnh (vị trí GPS, loại máy) trước khi phát hành.

## Kiểm tra

`validate` liệt kê mọi lỗi cùng tên tệp và số dòng. Lỗi (error) phải sửa mới phát
hành được; cảnh báo (warning) thì nên xem lại. `preview` vẽ từng trang đúng như màn
hình sẽ hiện, ở các khổ 1920x1080, 1080x1920, 1280x720, 800x480.
)";

// A plain placeholder: a warm background with a darker figure, so the examples validate.
void write_placeholder_photo(const fs::path& file, int width, int height) {
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, width, height, 24, SDL_PIXELFORMAT_RGB24));
    if (!surface) throw PublishError(std::string("cannot create a placeholder photo: ") + SDL_GetError());
    SDL_FillRect(surface.get(), nullptr, SDL_MapRGB(surface->format, 236, 222, 196));
    SDL_Rect head{width * 2 / 5, height / 4, width / 5, width / 5};
    SDL_Rect body{width / 4, height / 4 + width / 5 + height / 40, width / 2, height};
    SDL_FillRect(surface.get(), &head, SDL_MapRGB(surface->format, 205, 180, 140));
    SDL_FillRect(surface.get(), &body, SDL_MapRGB(surface->format, 205, 180, 140));
    if (IMG_SaveJPG(surface.get(), file.c_str(), 85) != 0) {
        throw PublishError(say::cannot_write(file.string(), IMG_GetError()));
    }
}

}  // namespace

std::vector<fs::path> scaffold_content_folder(const fs::path& directory) {
    std::error_code error;
    if (fs::exists(directory, error) && !fs::is_empty(directory, error)) {
        throw PublishError(directory.string() + " đã có tệp bên trong; lệnh init chỉ điền vào thư mục mới hoặc đang trống");
    }
    std::vector<fs::path> written;
    const auto write = [&](const fs::path& relative, std::string_view text) {
        const fs::path file = directory / relative;
        fs::create_directories(file.parent_path(), error);
        if (error) throw PublishError(say::cannot_create_folder(file.parent_path().string(), error.message()));
        write_file_atomically(file, text);
        written.push_back(file);
    };
    write("nguon.txt", source_text);
    write("HUONG-DAN.md", guide_text);
    write("guong-dien-hinh/nguyen-thi-hoa.txt", story_text);
    write("bang-xep-hang/cum-thi-dua-so-1.csv", standings_csv);
    write("bang-vang/hoc-sinh-gioi.csv", honor_roll_csv);
    write("thong-bao/cuoc-thi-viet.txt", announcement_text);
    write("ky-niem/giai-phong-thu-do.txt", commemoration_text);
    write_placeholder_photo(directory / "guong-dien-hinh" / "nguyen-thi-hoa.jpg", 800, 1000);
    written.push_back(directory / "guong-dien-hinh" / "nguyen-thi-hoa.jpg");
    write_placeholder_photo(directory / "thong-bao" / "cuoc-thi-viet.jpg", 1600, 900);
    written.push_back(directory / "thong-bao" / "cuoc-thi-viet.jpg");
    return written;
}

}  // namespace bangvang::publish
