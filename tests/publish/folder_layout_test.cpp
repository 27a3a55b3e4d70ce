// Issue #12, point 1: nothing staff wrote is dropped without a word. Text in angle
// brackets that is not markup reaches the screen whole (and validate says it will be
// shown as written); a story in a misnamed folder or a note beside nguon.txt stops the
// build with an error naming the folder it was meant for.
#include "publish_fixtures.hpp"
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "publish/content_scaffold.hpp"
#include "publish/content_validation.hpp"
#include "publish/feed_builder.hpp"
#include "publish/folder_layout.hpp"
#include "publish/markup_lookalike.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bangvang;
using namespace bangvang::publish_testing;

constexpr std::string_view le_van_ti =
    "Tên: Lê Văn <Tí>\n"
    "Tiêu đề: Cậu bé <Sáng tạo trẻ>\n"
    "\n"
    "Em đạt giải <Sáng tạo trẻ> năm 2024, được <b>khen</b> trước toàn trường.\n";

}  // namespace

TEST_CASE("markup_lookalike finds what looks like HTML but is shown as written", "[publish]") {
    CHECK(publish::markup_lookalike("Lê Văn <Tí>") == "<Tí>");
    CHECK(publish::markup_lookalike("giải <Sáng tạo trẻ> năm") == "<Sáng tạo trẻ>");
    CHECK(publish::markup_lookalike("A &helip; B") == "&helip;");
    CHECK(publish::markup_lookalike("<b>Hoa</b> &amp; <i>Lan</i>").empty());  // real markup: removed
    CHECK(publish::markup_lookalike("3 < 5 và 5 > 3, A & B, \u2039Tí>").empty());
}

TEST_CASE("text in angle brackets reaches the feed whole, and validate says it is shown as written", "[publish]") {
    const fs::path directory = fresh_directory("angle-brackets");
    const fs::path content = directory / "noi-dung";
    publish::scaffold_content_folder(content);
    write_text(content / "guong-dien-hinh" / "01-le-van-ti.txt", std::string(le_van_ti));

    const auto findings = publish::validate_content(content, fixed_now, {.check_text_fits = false});
    INFO(findings_text(findings));
    CHECK(publish::count_errors(findings) == 0);
    CHECK(finding_said(findings,
                       "guong-dien-hinh/01-le-van-ti.txt, dòng 1: cảnh báo: “Tên” có đoạn trông như mã HTML (thẻ <…> "
                       "hoặc &…;) trong “<Tí>”: màn hình sẽ hiện đúng như đã viết; xóa đoạn đó nếu không muốn "
                       "người xem thấy [markup_shown]"));
    CHECK(finding_said(findings,
                       "guong-dien-hinh/01-le-van-ti.txt, dòng 4: cảnh báo: “Nội dung” có đoạn trông như mã HTML "
                       "(thẻ <…> hoặc &…;) trong “<Sáng tạo trẻ>”: màn hình sẽ hiện đúng như đã viết; xóa đoạn đó "
                       "nếu không muốn người xem thấy [markup_shown]"));

    const auto built = publish::build_feed({.source_directory = content, .feed_directory = directory / "feed"}, fixed_now);
    REQUIRE(built.ok());
    const auto item = std::find_if(built->manifest.items.begin(), built->manifest.items.end(),
                                   [](const core::Item& candidate) { return candidate.id == "01-le-van-ti"; });
    REQUIRE(item != built->manifest.items.end());
    const auto& story = std::get<core::Story>(item->content);
    CHECK(story.person_name == "Lê Văn <Tí>");
    CHECK(story.headline == "Cậu bé <Sáng tạo trẻ>");
    REQUIRE(story.body.size() == 1);
    CHECK(story.body[0] == "Em đạt giải <Sáng tạo trẻ> năm 2024, được khen trước toàn trường.");
    // The kiosk reads the written feed back: the same words.
    const std::string manifest = contents(directory / "feed" / "manifest.json");
    CHECK(manifest.find("Lê Văn <Tí>") != std::string::npos);
}

TEST_CASE("the folder a misnamed folder was meant for is named", "[publish]") {
    CHECK(publish::nearest_content_folder("guong-dien-hnh") == "guong-dien-hinh");
    CHECK(publish::nearest_content_folder("Thong bao") == "thong-bao");
    CHECK(publish::nearest_content_folder("Gương điển hình") == "guong-dien-hinh");
    CHECK(publish::nearest_content_folder("ky niem") == "ky-niem");
    CHECK(publish::nearest_content_folder("bangvang") == "bang-vang");
    CHECK_FALSE(publish::nearest_content_folder("anh-goc").has_value());
    CHECK_FALSE(publish::nearest_content_folder("tai-lieu").has_value());
}

TEST_CASE("misnamed folders and stray files are errors and nothing is published", "[publish]") {
    const fs::path directory = fresh_directory("misfiled");
    const fs::path content = directory / "noi-dung";
    publish::scaffold_content_folder(content);
    const std::string story = "Tên: Nguyễn Văn An\nTiêu đề: Người tốt\n\nMột đoạn.\n";
    write_text(content / "guong-dien-hnh" / "04-nguyen-van-an.txt", story);
    write_text(content / "Thong bao" / "lich-tiep-dan.txt", "Tiêu đề: Lịch tiếp dân\n\nThứ Năm hằng tuần.\n");
    write_text(content / "ghi-chu.txt", "nhớ gửi ảnh cho anh Hùng\n");
    write_text(content / "bang-vang" / "hoc-sinh.txt", story);
    // What is allowed: notes in Markdown anywhere, a folder of originals, a PDF.
    write_text(content / "ghi-chu-rieng.md", "ghi chú\n");
    write_text(content / "thong-bao" / "nhap.md", "bản nháp\n");
    write_text(content / "anh-goc" / "IMG_0001.jpg", "not really a picture");
    write_text(content / "cong-van.pdf", "%PDF-1.4");

    const auto findings = publish::validate_content(content, fixed_now, {.check_text_fits = false});
    INFO(findings_text(findings));
    CHECK(publish::count_errors(findings) == 4);
    CHECK(finding_said(findings, "guong-dien-hnh/04-nguyen-van-an.txt: lỗi: thư mục “guong-dien-hnh/” không phải thư "
                                 "mục của mẫu nên tệp này sẽ KHÔNG được đăng; có phải là “guong-dien-hinh/”? Đổi tên "
                                 "thư mục cho đúng (chữ thường, không dấu, nối bằng \"-\") [unknown_folder]"));
    CHECK(finding_said(findings, "Thong bao/lich-tiep-dan.txt: lỗi: thư mục “Thong bao/” không phải thư mục của mẫu "
                                 "nên tệp này sẽ KHÔNG được đăng; có phải là “thong-bao/”? Đổi tên thư mục cho đúng "
                                 "(chữ thường, không dấu, nối bằng \"-\") [unknown_folder]"));
    CHECK(finding_said(findings, "ghi-chu.txt: lỗi: tệp nằm ngoài các thư mục của mẫu nên sẽ KHÔNG được đăng: chuyển "
                                 "nó vào guong-dien-hinh, bang-xep-hang, bang-vang, thong-bao hoặc ky-niem; nếu chỉ là "
                                 "ghi chú, đổi đuôi tệp thành .md [outside_folders]"));
    CHECK(finding_said(findings, "bang-vang/hoc-sinh.txt: lỗi: tệp trong “bang-vang/” phải có đuôi .csv nên tệp này "
                                 "sẽ KHÔNG được đăng: lưu lại dạng .csv hoặc chuyển nó vào đúng thư mục; nếu chỉ là "
                                 "ghi chú, đổi đuôi tệp thành .md [wrong_extension]"));

    const auto built = publish::build_feed({.source_directory = content, .feed_directory = directory / "feed"}, fixed_now);
    REQUIRE_FALSE(built.ok());
    CHECK_THAT(built.problem().message(), Catch::Contains("còn 4 lỗi") && Catch::Contains("guong-dien-hnh/"));
    CHECK_FALSE(fs::exists(directory / "feed" / "manifest.json"));

    SECTION("a folder of pictures only, named like a kind folder, is one error") {
        fs::remove_all(content / "guong-dien-hnh");
        fs::remove_all(content / "Thong bao");
        fs::remove(content / "ghi-chu.txt");
        fs::remove(content / "bang-vang" / "hoc-sinh.txt");
        write_text(content / "ky niem" / "a.jpg", "x");
        write_text(content / "ky niem" / "b.jpg", "x");
        const auto again = publish::validate_content(content, fixed_now, {.check_text_fits = false});
        INFO(findings_text(again));
        CHECK(publish::count_errors(again) == 1);
        CHECK(finding_said(again, "ky niem/a.jpg: lỗi: thư mục “ky niem/” không phải thư mục của mẫu nên tệp này sẽ "
                                  "KHÔNG được đăng; có phải là “ky-niem/”? Đổi tên thư mục cho đúng (chữ thường, "
                                  "không dấu, nối bằng \"-\") [unknown_folder]"));
    }
}
