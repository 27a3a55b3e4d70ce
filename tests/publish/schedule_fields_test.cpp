// Issue #12, point 7: the folder form says everything the feed can. Days, hours and
// kiosk groups written in Vietnamese become schedule.days, schedule.hours and
// audience.tags; what cannot be read is an error naming the file and the line.
#include "publish_fixtures.hpp"
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "publish/content_scaffold.hpp"
#include "publish/content_validation.hpp"
#include "publish/feed_builder.hpp"
#include "publish/schedule_fields.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bangvang;
using namespace bangvang::publish_testing;
using Windows = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("days of the week as staff write them", "[publish]") {
    using Days = std::vector<int>;
    CHECK(publish::parse_staff_weekdays("Thứ Hai – Thứ Sáu").days == Days{1, 2, 3, 4, 5});
    CHECK(publish::parse_staff_weekdays("thu hai - thu sau").days == Days{1, 2, 3, 4, 5});
    CHECK(publish::parse_staff_weekdays("Thứ 2 đến Thứ 6").days == Days{1, 2, 3, 4, 5});
    CHECK(publish::parse_staff_weekdays("Thứ Bảy, Chủ Nhật").days == Days{6, 7});
    CHECK(publish::parse_staff_weekdays("T2, T4, T6").days == Days{1, 3, 5});
    CHECK(publish::parse_staff_weekdays("Thứ Bảy – Thứ Hai").days == Days{1, 6, 7});
    CHECK(publish::parse_staff_weekdays("CN").days == Days{7});
    CHECK(publish::parse_staff_weekdays("Hằng ngày").days.size() == 7);
    CHECK(publish::parse_staff_weekdays("Thứ Hai, Thứ Tám").not_understood == "Thứ Tám");
    CHECK(publish::parse_staff_weekdays("thứ hai – thứ ba – thứ tư").not_understood == "thứ hai – thứ ba – thứ tư");
}

TEST_CASE("hours as staff write them", "[publish]") {
    CHECK(publish::parse_staff_hours("07:00–11:30, 13:30–17:00").windows ==
          Windows{{"07:00", "11:30"}, {"13:30", "17:00"}});
    CHECK(publish::parse_staff_hours("7h - 11h30; 13h30 đến 17h").windows ==
          Windows{{"07:00", "11:30"}, {"13:30", "17:00"}});
    CHECK(publish::parse_staff_hours("22:00-02:00").windows == Windows{{"22:00", "02:00"}});
    CHECK(publish::parse_staff_hours("00:00 – 24:00").windows == Windows{{"00:00", "24:00"}});
    CHECK(publish::parse_staff_hours("07:00–11:30, 25:00–26:00").not_understood == "25:00–26:00");
    CHECK(publish::parse_staff_hours("sáng").not_understood == "sáng");
    CHECK(publish::parse_staff_hours("7:00").not_understood == "7:00");
    CHECK(publish::parse_staff_hours("8:00-8:00").not_understood == "8:00-8:00");
    CHECK(publish::parse_staff_hours("7:5-9:00").not_understood == "7:5-9:00");
}

TEST_CASE("Ngày trong tuần, Giờ and Nhóm máy chiếu reach the built feed", "[publish]") {
    const fs::path directory = fresh_directory("day-parting");
    const fs::path content = directory / "noi-dung";
    publish::scaffold_content_folder(content);
    SECTION("built into the item's schedule and audience") {
        write_text(content / "thong-bao" / "tiep-dan.txt",
                   "Tiêu đề: Lịch tiếp dân\nNgày trong tuần: Thứ Hai – Thứ Sáu\nGiờ: 07:00–11:30, 13:30–17:00\n"
                   "Nhóm máy: Nhà văn hóa, truong-hoc\nNơi hiển thị: phuong-nhan-chinh\n\nSáng thứ Năm.\n");
        const auto findings = publish::validate_content(content, fixed_now, {.check_text_fits = false});
        INFO(findings_text(findings));
        CHECK(findings.empty());
        const auto built =
            publish::build_feed({.source_directory = content, .feed_directory = directory / "feed"}, fixed_now);
        REQUIRE(built.ok());
        const auto item = std::find_if(built->manifest.items.begin(), built->manifest.items.end(),
                                       [](const core::Item& candidate) { return candidate.id == "tiep-dan"; });
        REQUIRE(item != built->manifest.items.end());
        CHECK(item->schedule.weekdays == 0x1f);
        REQUIRE(item->schedule.hours.size() == 2);
        CHECK(item->schedule.hours[0].from_minute == 7 * 60);
        CHECK(item->schedule.hours[0].to_minute == 11 * 60 + 30);
        CHECK(item->schedule.hours[1].from_minute == 13 * 60 + 30);
        CHECK(item->schedule.hours[1].to_minute == 17 * 60);
        CHECK(item->audience.tags == std::vector<std::string>{"nha-van-hoa", "truong-hoc"});
        CHECK(item->audience.sites == std::vector<std::string>{"phuong-nhan-chinh"});
    }
    SECTION("what cannot be read is an error on its line, in Vietnamese") {
        write_text(content / "thong-bao" / "tiep-dan.txt",
                   "Tiêu đề: Lịch tiếp dân\nNgày trong tuần: Thứ Hai, Thứ Tám\nGiờ: 07:00–11:30, 25:00–26:00\n\n"
                   "Sáng thứ Năm.\n");
        const auto findings = publish::validate_content(content, fixed_now, {.check_text_fits = false});
        INFO(findings_text(findings));
        CHECK(publish::count_errors(findings) == 2);
        CHECK(has_finding(findings, "thong-bao/tiep-dan.txt, dòng 2: lỗi: “Ngày trong tuần”: không hiểu “Thứ Tám”; viết các "
                                    "ngày cách nhau bằng dấu phẩy (Thứ Hai, Thứ Tư, Thứ Sáu) hoặc một khoảng (Thứ Hai – Thứ "
                                    "Sáu), từ Thứ Hai đến Chủ Nhật [weekdays_unknown]"));
        CHECK(has_finding(findings, "thong-bao/tiep-dan.txt, dòng 3: lỗi: “Giờ”: “25:00–26:00” không phải một khoảng giờ; "
                                    "viết giờ bắt đầu và giờ kết thúc như 07:00–11:30, nhiều khoảng cách nhau bằng dấu phẩy, "
                                    "giờ từ 00:00 đến 24:00 [hours_unknown]"));
    }
    SECTION("more windows than a kiosk takes: the kiosk's rule, on the line of Giờ") {
        write_text(content / "thong-bao" / "tiep-dan.txt",
                   "Tiêu đề: Lịch tiếp dân\nGiờ: 1-2, 3-4, 5-6, 7-8, 9-10, 11-12, 13-14, 15-16, 17-18\n\nSáng.\n");
        const auto findings = publish::validate_content(content, fixed_now, {.check_text_fits = false});
        INFO(findings_text(findings));
        CHECK(publish::count_errors(findings) == 1);
        CHECK(has_finding(findings, "thong-bao/tiep-dan.txt, dòng 2: lỗi: “Giờ” có 9 mục, tối đa 8: tách thành nhiều tệp "
                                    "[too_many schedule.hours]"));
    }
}
