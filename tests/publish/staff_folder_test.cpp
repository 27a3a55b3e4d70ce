// Issue #12: a ward clerk's folder (tests/fixtures/staff-folder) validated as staff run it.
// Every cut the kiosk will make is reported per screen shape, with the file and the
// line of the paragraph where it falls; a long story with a link only warns (its QR
// code leads to the rest), one without a link is refused.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "core/clock_time.hpp"
#include "publish/content_validation.hpp"

using namespace bangvang;
namespace fs = std::filesystem;

namespace {

const fs::path staff_folder = fs::path(BANGVANG_SOURCE_DIR) / "tests/fixtures/staff-folder";

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

    // Three paragraphs of a story, three of a commemoration: everything shown, nothing to say.
    CHECK(about(findings, "guong-dien-hinh/02-ba-me-nuoi-tre-mo-coi.txt").empty());
    CHECK(about(findings, "ky-niem/01-ngay-thanh-lap-mat-tran.txt").empty());
}
