// Issue #12: a ward clerk's folder (tests/fixtures/staff-folder) validated as staff run it.
// Every cut the kiosk will make is reported per screen shape, with the file and the
// line of the paragraph where it falls; a long story with a link only warns (its QR
// code leads to the rest), one without a link is refused.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "core/clock_time.hpp"
#include "publish/content_folder.hpp"
#include "publish/content_validation.hpp"
#include "support/build_paths.hpp"

using namespace bangvang;
namespace fs = std::filesystem;

namespace {

const fs::path staff_folder = fs::path(bangvang::testing::paths::checkout) / "tests/fixtures/staff-folder";

std::vector<publish::Finding> about(const std::vector<publish::Finding>& findings, const std::string& file) {
    std::vector<publish::Finding> found;
    std::copy_if(findings.begin(), findings.end(), std::back_inserter(found),
                 [&](const publish::Finding& finding) { return finding.file == file; });
    return found;
}

std::string listed(const std::vector<publish::Finding>& findings) {
    std::string text;
    for (const auto& finding : findings) text += finding.to_string() + "\n";
    return text;
}

}  // namespace

TEST_CASE("validate reports per screen shape exactly what the kiosk cuts with file and line", "[publish][display]") {
    const core::UnixSeconds now = *core::parse_rfc3339("2024-11-20T09:00:00+07:00");
    const auto findings = publish::validate_content(staff_folder, now);
    INFO(listed(findings));

    // Ten paragraphs with a link: cut on some shapes after three pages, a warning naming the paragraph's line.
    const auto linked = about(findings, "guong-dien-hinh/01-truong-ban-cong-tac-mat-tran.txt");
    REQUIRE_FALSE(linked.empty());
    for (const auto& finding : linked) {
        CHECK(finding.severity == publish::Severity::warning);
        CHECK(finding.line >= 11);
        CHECK(finding.message.find("dài hơn 3 trang: cắt sau “…") != std::string::npos);
        CHECK(finding.message.find("”, không hiện ") != std::string::npos);
        CHECK(finding.message.find("mã QR dẫn tới toàn bài") != std::string::npos);
    }

    // Too long without a link: refused, and every shape is named.
    const auto unlinked = about(findings, "guong-dien-hinh/03-cuu-chien-binh-khong-lien-ket.txt");
    std::string shapes;
    for (const auto& finding : unlinked) {
        CHECK(finding.severity == publish::Severity::error);
        CHECK(finding.line > 6);
        shapes += finding.message;
    }
    for (const char* shape : {"1920x1080", "1080x1920", "1280x720", "800x480"}) {
        CHECK(shapes.find(shape) != std::string::npos);
    }

    // Angle brackets that are no markup: shown as written, and said so on each line.
    const auto bracketed = about(findings, "guong-dien-hinh/04-le-van-ti.txt");
    std::vector<int> lines;
    for (const auto& finding : bracketed) {
        CHECK(finding.severity == publish::Severity::warning);
        CHECK(finding.code == "markup_shown");
        lines.push_back(finding.line);
    }
    CHECK(lines == std::vector<int>{1, 4, 10});

    // Three paragraphs of a story, three of a commemoration: everything shown, nothing to say.
    CHECK(about(findings, "guong-dien-hinh/02-ba-me-nuoi-tre-mo-coi.txt").empty());
    CHECK(about(findings, "ky-niem/01-ngay-thanh-lap-mat-tran.txt").empty());
    // Days, hours and kiosk groups in the folder form: nothing to say.
    CHECK(about(findings, "thong-bao/01-lich-tiep-dan.txt").empty());
}

TEST_CASE("the staff folder's days, hours and kiosk groups become the feed's schedule and audience", "[publish]") {
    const auto folder = publish::read_content_files(publish::load_content_files(staff_folder));
    INFO(listed(folder.findings));
    const auto file = std::find(folder.item_files.begin(), folder.item_files.end(), "thong-bao/01-lich-tiep-dan.txt");
    REQUIRE(file != folder.item_files.end());
    const auto& item = folder.document.json["items"][static_cast<std::size_t>(file - folder.item_files.begin())];
    CHECK(item["schedule"]["days"].dump() == "[1,2,3,4,5]");
    CHECK(item["schedule"]["hours"].dump() ==
          R"([{"from":"07:00","to":"11:30"},{"from":"13:30","to":"17:00"}])");
    CHECK(item["audience"]["tags"].dump() == R"(["nha-van-hoa","truong-hoc"])");
}
