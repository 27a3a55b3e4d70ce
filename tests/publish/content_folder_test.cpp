// The folder form staff author: text files, CSV exports, encodings, init, validate.
#include "publish_fixtures.hpp"
#include <catch2/catch.hpp>

#include <iconv.h>

#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>

#include "core/manifest_parser.hpp"
#include "publish/content_folder.hpp"
#include "publish/content_scaffold.hpp"
#include "publish/content_validation.hpp"
#include "publish/csv_table.hpp"
#include "publish/feed_builder.hpp"
#include "publish/staff_text.hpp"
#include "publish/text_encoding.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bangvang;
using namespace bangvang::publish_testing;
using publish::Severity;



std::string to_windows_1258(const std::string& utf8) {
    iconv_t converter = iconv_open("CP1258", "UTF-8");
    REQUIRE(converter != reinterpret_cast<iconv_t>(-1));
    std::string input = utf8;
    std::string output(input.size() * 2 + 8, '\0');
    char* in = input.data();
    std::size_t in_left = input.size();
    char* out = output.data();
    std::size_t out_left = output.size();
    const std::size_t result = iconv(converter, &in, &in_left, &out, &out_left);
    iconv_close(converter);
    REQUIRE(result != static_cast<std::size_t>(-1));
    output.resize(output.size() - out_left);
    return output;
}

void write_photo(const fs::path& file, int width, int height) {
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 24, SDL_PIXELFORMAT_RGB24);
    REQUIRE(surface);
    SDL_FillRect(surface, nullptr, SDL_MapRGB(surface->format, 180, 150, 120));
    fs::create_directories(file.parent_path());
    const int saved = IMG_SaveJPG(surface, file.c_str(), 85);
    SDL_FreeSurface(surface);
    REQUIRE(saved == 0);
}

std::vector<std::string> messages_of(const std::vector<publish::Finding>& findings) {
    std::vector<std::string> messages;
    for (const auto& finding : findings) messages.push_back(finding.to_string());
    return messages;
}

// The one finding that starts with `prefix` (file and line) and contains `text`.
bool has_finding(const std::vector<publish::Finding>& findings, const std::string& prefix, const std::string& text) {
    return std::any_of(findings.begin(), findings.end(), [&](const publish::Finding& finding) {
        const std::string message = finding.to_string();
        return message.starts_with(prefix) && message.find(text) != std::string::npos;
    });
}

std::string joined(const std::vector<publish::Finding>& findings) {
    std::string text;
    for (const std::string& message : messages_of(findings)) text += message + "\n";
    return text;
}

}  // namespace

TEST_CASE("CSV as Excel and LibreOffice save it", "[publish]") {
    SECTION("UTF-8 with a BOM and semicolons") {
        const auto text = publish::decode_staff_text("\xEF\xBB\xBFH\xE1\xBA\xA1ng;\xC4\x90i\xE1\xBB\x83m\r\n1;95,5\r\n",
                                                     "bang.csv");
        REQUIRE(text.ok());
        const auto table = publish::parse_csv(*text, "bang.csv");
        REQUIRE(table.ok());
        CHECK(table->separator == ';');
        REQUIRE(table->rows.size() == 2);
        CHECK(table->rows[0].cells == std::vector<std::string>{"Hạng", "Điểm"});
        CHECK(table->rows[1].cells == std::vector<std::string>{"1", "95,5"});
        CHECK(table->rows[1].line == 2);
    }
    SECTION("quoted cells hold commas, doubled quotes and line breaks; line numbers follow the file") {
        const auto table = publish::parse_csv(
            "Họ và tên,Thành tích\n\"Trần Minh An\",\"Giải Nhất, cấp thành phố\"\n\"Lê \"\"Bé\"\" Hà\",\"dòng một\ndòng hai\"\nPhạm Bảo,x\n",
            "bang-vang.csv");
        REQUIRE(table.ok());
        CHECK(table->separator == ',');
        REQUIRE(table->rows.size() == 4);
        CHECK(table->rows[1].cell(1) == "Giải Nhất, cấp thành phố");
        CHECK(table->rows[2].cell(0) == "Lê \"Bé\" Hà");
        CHECK(table->rows[2].cell(1) == "dòng một\ndòng hai");
        CHECK(table->rows[2].line == 3);
        CHECK(table->rows[3].line == 5);
        CHECK(table->rows[3].cell(5).empty());
    }
    SECTION("a quote never closed names its line") {
        const auto table = publish::parse_csv("a,b\n1,\"open\n2,3\n", "x.csv");
        REQUIRE_FALSE(table.ok());
        CHECK_THAT(table.problem().message(), Catch::Contains("x.csv:2") && Catch::Contains("không đóng lại"));
    }
}

TEST_CASE("a Windows-1258 export is converted, other encodings are refused with how to save as UTF-8", "[publish]") {
    const std::string utf8 = "Hạng;Đơn vị;Điểm\r\n1;Phường Nhân Chính;95,5\r\n2;Trường THCS Phan Đình Giót;93\r\n";
    const std::string legacy = to_windows_1258(utf8);
    REQUIRE(legacy != utf8);
    CHECK(publish::looks_like_windows_1258(legacy));
    const auto decoded = publish::decode_staff_text(legacy, "bang-xep-hang/cu.csv");
    REQUIRE(decoded.ok());
    CHECK(*decoded == utf8);

    // Latin-1 symbols (©, ®, ¼) are not Vietnamese in Windows-1258.
    const auto refused = publish::decode_staff_text("Gi\xE1i \xA9 \xAE \xBC", "bang-vang/x.csv");
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.problem().message(),
               Catch::Contains("bang-vang/x.csv") && Catch::Contains("CSV UTF-8") && Catch::Contains("LibreOffice"));
}

TEST_CASE("staff text: fields, then paragraphs with their lines, field names without marks match", "[publish]") {
    const auto parsed = publish::parse_staff_text(
        "\xEF\xBB\xBFT\xC3\xAAn: Nguy\xE1\xBB\x85n Th\xE1\xBB\x8B Hoa\r\nCHUC VU:  T\xE1\xBB\x95 tr\xC6\xB0\xE1\xBB\x9Fng \r\n"
        "\r\nD\xC3\xB2ng m\xE1\xBB\x99t\r\nd\xC3\xB2ng hai\r\n\r\n\r\n\xC4\x90o\xE1\xBA\xA1n hai\r\n");
    REQUIRE(parsed.fields.size() == 2);
    CHECK(parsed.fields[0].folded_key == "ten");
    CHECK(parsed.fields[0].value == "Nguyễn Thị Hoa");
    CHECK(parsed.fields[1].folded_key == "chuc vu");
    CHECK(parsed.fields[1].value == "Tổ trưởng");
    CHECK(parsed.fields[1].line == 2);
    REQUIRE(parsed.paragraphs.size() == 2);
    CHECK(parsed.paragraphs[0].text == "Dòng một dòng hai");
    CHECK(parsed.paragraphs[0].line == 4);
    CHECK(parsed.paragraphs[1].text == "Đoạn hai");
    CHECK(parsed.paragraphs[1].line == 8);
    CHECK(parsed.problems.empty());
    CHECK(publish::fold_field_name("Đơn vị") == "don vi");
    CHECK(publish::fold_field_name("Ngày  kỷ niệm") == "ngay ky niem");
}

TEST_CASE("init scaffolds a folder that validates cleanly and builds one item of every kind", "[publish]") {
    const fs::path directory = fresh_directory("init");
    const auto written = publish::scaffold_content_folder(directory / "noi-dung");
    CHECK(written.size() >= 9);
    CHECK(fs::exists(directory / "noi-dung" / "HUONG-DAN.md"));
    CHECK_THROWS_WITH(publish::scaffold_content_folder(directory / "noi-dung"), Catch::Contains("đã có tệp bên trong"));

    const auto findings = publish::validate_content(directory / "noi-dung", fixed_now);
    INFO(joined(findings));
    CHECK(findings.empty());

    const auto built = publish::build_feed(
        {.source_directory = directory / "noi-dung", .feed_directory = directory / "feed", .version = 3}, fixed_now);
    REQUIRE(built.ok());
    const core::Manifest& manifest = built->manifest;
    CHECK(manifest.source_id == "phuong-vi-du");
    REQUIRE(manifest.items.size() == 5);
    std::set<core::ItemKind> kinds;
    for (const auto& item : manifest.items) kinds.insert(item.kind);
    CHECK(kinds.size() == 5);
    const auto& story = std::get<core::Story>(manifest.items[0].content);
    CHECK(manifest.items[0].id == "nguyen-thi-hoa");
    CHECK(story.person_name == "Nguyễn Thị Hoa");
    CHECK(story.body.size() == 3);
    CHECK(story.photo.has_value());
    REQUIRE(story.date.has_value());
    CHECK(story.date->day == 7);
    const auto& standings = std::get<core::Standings>(manifest.items[1].content);
    REQUIRE(standings.rows.size() == 3);
    CHECK(standings.rows[0].score == Approx(95.5));
    CHECK(standings.rows[0].rank_change == 2);
    CHECK(standings.rows[1].rank_change == -1);
    CHECK_FALSE(standings.rows[2].rank_change.has_value());
    const auto& honours = std::get<core::HonorRoll>(manifest.items[2].content);
    REQUIRE(honours.entries.size() == 3);
    CHECK(honours.entries[0].achievement == "Giải Nhất Toán, cấp thành phố");
    const auto& commemoration = std::get<core::Commemoration>(manifest.items[4].content);
    CHECK(commemoration.origin.year == 1954);
}

TEST_CASE("validate reports every mistake at once with its file and line", "[publish]") {
    const fs::path directory = fresh_directory("mistakes");
    const fs::path content = directory / "noi-dung";
    publish::scaffold_content_folder(content);

    // A story whose photo is missing and whose date is not a date.
    write_text(content / "guong-dien-hinh" / "tran-van-minh.txt",
               "Tên: Trần Văn Minh\nNgày: 31/02/2024\nẢnh: tran-van-minh.jpg\nTiêu đề: Tuần tra\n\nMột đoạn.\n");
    // A score that is not a number, on the third row of the table.
    write_text(content / "bang-xep-hang" / "khoi-truong.csv",
               "Tiêu đề;Khối trường\n\nHạng;Đơn vị;Điểm\n1;Trường A;90\n2;Trường B;chín mươi\n");
    // Two files whose ids collide: the second names the first's id.
    write_text(content / "thong-bao" / "thong-bao-hai.txt", "Mã: cuoc-thi-viet\nTiêu đề: Thông báo hai\n");
    // A photo too small to look sharp (a warning).
    write_photo(content / "guong-dien-hinh" / "le-thu-trang.jpg", 320, 400);
    write_text(content / "guong-dien-hinh" / "le-thu-trang.txt",
               "Tên: Lê Thu Trang\nẢnh: le-thu-trang.jpg\nTiêu đề: Cô giáo\n\nMột đoạn.\n");
    // A story far too long for any screen, even over three pages.
    std::string long_story = "Tên: Phạm Quốc Hưng\nTiêu đề: Một câu chuyện rất dài\n\n";
    for (int sentence = 0; sentence < 30; ++sentence) {
        long_story += "Anh Hưng đã làm việc tận tụy ở bộ phận một cửa trong nhiều năm, hướng dẫn người dân "
                      "nộp hồ sơ trực tuyến, trả lời mọi câu hỏi và không để ai phải đi lại hai lần; những "
                      "việc nhỏ ấy cộng lại thành niềm tin của bà con vào chính quyền cơ sở.";
        long_story += sentence % 3 == 2 ? "\n\n" : " ";
    }
    write_text(content / "guong-dien-hinh" / "pham-quoc-hung.txt", long_story);
    // The same story with its portal article: the QR code leads to the rest (a warning).
    std::string linked_story = long_story;
    linked_story.replace(linked_story.find("Tên: Phạm Quốc Hưng"), std::string("Tên: Phạm Quốc Hưng").size(),
                         "Tên: Phạm Quốc Hưng\nLiên kết: https://thanhxuan.hanoi.gov.vn/guong-dien-hinh/pham-quoc-hung\nMã: pham-quoc-hung-portal");
    write_text(content / "guong-dien-hinh" / "pham-quoc-hung-portal.txt", linked_story);

    SECTION("the folder's own checks: all at once, each with file and line") {
        const auto findings = publish::validate_content(content, fixed_now, {.check_text_fits = false});
        INFO(joined(findings));
        CHECK(has_finding(findings, "guong-dien-hinh/tran-van-minh.txt, dòng 3: lỗi:",
                          "không tìm thấy ảnh “tran-van-minh.jpg”"));
        CHECK(has_finding(findings, "guong-dien-hinh/tran-van-minh.txt, dòng 2: lỗi:",
                          "“31/02/2024” không phải là một ngày có thật"));
        CHECK(has_finding(findings, "bang-xep-hang/khoi-truong.csv, dòng 5: lỗi:", "“chín mươi” không phải là số"));
        CHECK(has_finding(findings, "thong-bao/thong-bao-hai.txt, dòng 1: lỗi:",
                          "mã “cuoc-thi-viet” đã được dùng cho thong-bao/cuoc-thi-viet.txt"));
        CHECK(has_finding(findings, "guong-dien-hinh/le-thu-trang.txt, dòng 2: cảnh báo:", "chỉ có 320x400 điểm ảnh"));
        CHECK(publish::count_errors(findings) == 4);
    }
    SECTION("once those are fixed, text too long for every screen shape is an error") {
        fs::remove(content / "guong-dien-hinh" / "tran-van-minh.txt");
        fs::remove(content / "bang-xep-hang" / "khoi-truong.csv");
        fs::remove(content / "thong-bao" / "thong-bao-hai.txt");
        const auto findings = publish::validate_content(content, fixed_now);
        INFO(joined(findings));
        // Each shape's cut, told with the line of the paragraph where it falls.
        for (const char* shape : {"1920x1080", "1080x1920", "1280x720", "800x480"}) {
            CHECK(has_finding(findings, "guong-dien-hinh/pham-quoc-hung.txt, dòng ", shape));
        }
        CHECK(has_finding(findings, "guong-dien-hinh/pham-quoc-hung.txt, dòng ", "lỗi: ở màn hình"));
        CHECK(has_finding(findings, "guong-dien-hinh/pham-quoc-hung.txt, dòng ", "“Nội dung” dài hơn 3 trang: cắt sau “…"));
        CHECK(has_finding(findings, "guong-dien-hinh/pham-quoc-hung-portal.txt, dòng ", "cảnh báo: ở màn hình"));
        CHECK(has_finding(findings, "guong-dien-hinh/pham-quoc-hung-portal.txt, dòng ", "mã QR dẫn tới toàn bài"));
        CHECK(has_finding(findings, "guong-dien-hinh/le-thu-trang.txt, dòng 2: cảnh báo:", "chỉ có 320x400 điểm ảnh"));
        CHECK(publish::count_errors(findings) >= 1);
        for (const auto& finding : findings) {
            if (finding.severity == publish::Severity::error) CHECK(finding.file == "guong-dien-hinh/pham-quoc-hung.txt");
        }
        // build refuses nothing the kiosk would accept, but says it would be cut.
    }
    SECTION("build lists the errors and writes no manifest") {
        const auto built = publish::build_feed({.source_directory = content, .feed_directory = directory / "feed"},
                                               fixed_now);
        REQUIRE_FALSE(built.ok());
        CHECK_THAT(built.problem().message(),
                   Catch::Contains("còn 4 lỗi") && Catch::Contains("khoi-truong.csv, dòng 5"));
        CHECK_FALSE(fs::exists(directory / "feed" / "manifest.json"));
    }
}

TEST_CASE("warnings alone leave the folder publishable", "[publish]") {
    const fs::path content = fresh_directory("warnings-only") / "noi-dung";
    publish::scaffold_content_folder(content);
    write_text(content / "thong-bao" / "ghi-chu.txt", "Tiêu đề: Ghi chú\nMàu nền: đỏ\n\nNội dung.\n");
    write_text(content / "ghi-chu-rieng.md", "ghi chú của cán bộ: không được đọc\n");
    const auto findings = publish::validate_content(content, fixed_now, {.check_text_fits = false});
    INFO(joined(findings));
    CHECK(publish::count_errors(findings) == 0);
    CHECK(has_finding(findings, "thong-bao/ghi-chu.txt, dòng 2: cảnh báo:", "trường “Màu nền” không có trong mẫu"));
    CHECK(joined(findings).find("ghi-chu-rieng") == std::string::npos);
}

TEST_CASE("Trọng số makes an item play more often: a whole number from 1 to 100", "[publish]") {
    const fs::path directory = fresh_directory("weight");
    const fs::path content = directory / "noi-dung";
    publish::scaffold_content_folder(content);
    SECTION("built into the item's schedule") {
        write_text(content / "thong-bao" / "nhac-lai.txt", "Tiêu đề: Nhắc lại\nTrọng số: 3\n\nNội dung.\n");
        const auto built =
            publish::build_feed({.source_directory = content, .feed_directory = directory / "feed"}, fixed_now);
        REQUIRE(built.ok());
        const auto item = std::find_if(built->manifest.items.begin(), built->manifest.items.end(),
                                       [](const core::Item& candidate) { return candidate.id == "nhac-lai"; });
        REQUIRE(item != built->manifest.items.end());
        CHECK(item->schedule.weight == 3);
    }
    SECTION("anything else is an error on its line") {
        write_text(content / "thong-bao" / "nhac-lai.txt", "Tiêu đề: Nhắc lại\nTrong so: 0\n\nNội dung.\n");
        const auto findings = publish::validate_content(content, fixed_now, {.check_text_fits = false});
        INFO(joined(findings));
        CHECK(has_finding(findings, "thong-bao/nhac-lai.txt, dòng 2: lỗi:", "từ 1 đến 100"));
    }
}
