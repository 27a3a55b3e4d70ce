// Issue #12 point 2: what no font of the kiosk draws is refused before it is published,
// naming the file, the line (inside a paragraph, its own line), the field and the
// character with its code point; emoji and symbols the fallback fonts draw pass. The
// folder form's markup warning names the line of the paragraph where the markup is,
// and source.json gets the same warning, naming the item and the member.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "core/clock_time.hpp"
#include "publish/content_validation.hpp"
#include "support/build_paths.hpp"
#include "support/process.hpp"

using namespace bangvang;
namespace fs = std::filesystem;
using bangvang::testing::ScratchDirectory;
using bangvang::testing::write_file;

namespace {

const fs::path checkout(bangvang::testing::paths::checkout);

std::string listed(const std::vector<publish::Finding>& findings) {
    std::string text;
    for (const auto& finding : findings) text += finding.to_string() + "\n";
    return text;
}

std::vector<publish::Finding> with_code(const std::vector<publish::Finding>& findings, const std::string& code) {
    std::vector<publish::Finding> found;
    std::copy_if(findings.begin(), findings.end(), std::back_inserter(found),
                 [&](const publish::Finding& finding) { return finding.code == code; });
    return found;
}

const core::UnixSeconds now = *core::parse_rfc3339("2024-11-20T09:00:00+07:00");

}  // namespace

TEST_CASE("emoji and symbols pasted from Zalo validate: the fallback fonts draw them", "[publish][glyphs]") {
    const auto findings = publish::validate_content(checkout / "tests/fixtures/staff-folder", now);
    INFO(listed(findings));
    for (const auto& finding : findings) CHECK(finding.file != "guong-dien-hinh/05-loi-chuc-tu-zalo.txt");
}

TEST_CASE("validate refuses a character no font has and right-to-left letters, by file, line and character",
          "[publish][glyphs]") {
    ScratchDirectory scratch("bangvang-glyphs");
    const fs::path folder = scratch.path() / "noi-dung";
    fs::create_directories(folder);
    fs::copy_file(checkout / "tests/fixtures/staff-folder/nguon.txt", folder / "nguon.txt");
    write_file(folder / "guong-dien-hinh" / "01-tran-van-binh.txt",
               "Tên: Trần Văn Bình 🏅\n"
               "Chức vụ: Tổ trưởng tổ dân phố\n"
               "Đơn vị: Phường Nhân Chính\n"
               "Danh hiệu: Người tốt việc tốt \xEE\x80\x80 năm 2024\n"   // U+E000, private use
               "Phong trào: Ngõ xanh – sạch – văn minh\n"
               "Ngày: 2024-11-15\n"
               "Tiêu đề: Ông Bình và con ngõ xanh 🎉\n"
               "Mã: story-tran-van-binh\n"
               "\n"
               "Dòng đầu của đoạn văn 🎉\n"
               "dòng hai có giải <Sáng tạo trẻ> của quận\n"
               "dòng ba có lời chào مرحبا بكم của bạn bè.\n");
    const auto findings = publish::validate_content(folder, now);
    INFO(listed(findings));
    const std::string file = "guong-dien-hinh/01-tran-van-binh.txt";

    const auto missing = with_code(findings, "glyph_missing");
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].severity == publish::Severity::error);
    CHECK(missing[0].file == file);
    CHECK(missing[0].line == 4);
    CHECK_THAT(missing[0].message, Catch::Contains("“Danh hiệu” có ký tự “\xEE\x80\x80” (U+E000, ký tự dùng riêng"));
    CHECK_THAT(missing[0].message, Catch::Contains("xóa ký tự đó hoặc thay bằng chữ"));

    const auto right_to_left = with_code(findings, "right_to_left");
    REQUIRE(right_to_left.size() == 1);
    CHECK(right_to_left[0].severity == publish::Severity::error);
    CHECK(right_to_left[0].line == 12);  // the paragraph starts on line 10
    CHECK_THAT(right_to_left[0].message, Catch::Contains("có chữ Ả Rập “مرحبا بكم” (U+0645)"));

    // The markup warning names the line the lookalike is on, not the paragraph's first.
    const auto markup = with_code(findings, "markup_shown");
    REQUIRE(markup.size() == 1);
    CHECK(markup[0].line == 11);

    // What the kiosk draws (🏅 🎉) is not mentioned, and the folder is not built.
    CHECK(listed(findings).find("🏅") == std::string::npos);
    CHECK(publish::count_errors(findings) == 2);
}

TEST_CASE("source.json: the markup warning and the glyph errors name the item and the member", "[publish][glyphs]") {
    ScratchDirectory scratch("bangvang-glyphs-json");
    const fs::path folder = scratch.path() / "nguon";
    fs::create_directories(folder);
    std::string source = bangvang::testing::read_file(checkout / "tests/publish/sample_source.json");
    const std::string first = "Hơn mười năm làm tổ trưởng";
    const auto at = source.find(first);
    REQUIRE(at != std::string::npos);
    source.insert(at, "Giải <Sáng tạo trẻ> \xEE\x80\x81 🎉 ");
    write_file(folder / "source.json", source);
    const auto findings = publish::validate_content(folder, now);
    INFO(listed(findings));

    const auto markup = with_code(findings, "markup_shown");
    REQUIRE(markup.size() == 1);
    CHECK(markup[0].severity == publish::Severity::warning);
    CHECK_THAT(markup[0].message, Catch::StartsWith("mục “story-nguyen-thi-hoa”, “story.body[0]” có đoạn trông như mã HTML"));
    CHECK_THAT(markup[0].message, Catch::Contains("“<Sáng tạo trẻ>”"));

    const auto missing = with_code(findings, "glyph_missing");
    REQUIRE(missing.size() == 1);
    CHECK_THAT(missing[0].message, Catch::StartsWith("mục “story-nguyen-thi-hoa”, “story.body[0]” có ký tự"));
    CHECK_THAT(missing[0].message, Catch::Contains("(U+E001"));
    CHECK_THAT(missing[0].file, Catch::EndsWith("source.json"));
}
