#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/manifest_parser.hpp"
#include "core/manifest_writer.hpp"

using namespace bangvang::core;
using Catch::Contains;

namespace {

UnixSeconds instant(const char* text) {
    auto parsed = parse_rfc3339(text);
    REQUIRE(parsed.ok());
    return *parsed;
}

const std::string photo_hash(64, 'a');
const std::string image_hash = std::string(63, 'b') + "c";

// Every kind with every member set: what the round trip must carry through.
Manifest everything() {
    Manifest manifest;
    manifest.source_id = "quan-thanh-xuan";
    manifest.source_name = "UBND quận Thanh Xuân";
    manifest.version = 7;
    manifest.issued_at = instant("2024-11-20T08:00:00+07:00");
    manifest.expires_at = instant("2025-01-20T08:00:00+07:00");
    manifest.media = {MediaRef{.sha256 = photo_hash, .size_bytes = 48213, .width = 800, .height = 1000, .mime_type = "image/jpeg"},
                      MediaRef{.sha256 = image_hash, .size_bytes = 9120, .width = 1920, .height = 1080, .mime_type = "image/png"}};

    Story story{.person_name = "Nguyễn Thị Hoa",
                .role = "Tổ trưởng tổ dân phố số 5",
                .unit = "Phường Nhân Chính",
                .headline = "Người giữ lửa phong trào “Xanh – Sạch – Đẹp”",
                .body = {"Đoạn thứ nhất.", "Đoạn thứ hai, có dòng\nmới bên trong."},
                .award = "Chiến sĩ thi đua cơ sở",
                .movement = "Toàn dân đoàn kết xây dựng đời sống văn hóa",
                .date = CivilDate{2024, 5, 7},
                .portal_url = "https://thanhxuan.hanoi.gov.vn/tin-tuc?id=12&muc=3",
                .photo = photo_hash};
    Item story_item{.id = "story-nguyen-thi-hoa", .kind = ItemKind::story, .schedule = {}, .audience = {}, .content = story};
    story_item.schedule = Schedule{.valid_from = instant("2024-11-21T00:00:00+07:00"),
                                   .valid_until = instant("2024-12-31T17:00:00Z"),
                                   .weekdays = 0b0011111,
                                   .hours = {{.from_minute = 7 * 60, .to_minute = 11 * 60 + 30},
                                             {.from_minute = 22 * 60, .to_minute = 2 * 60},
                                             {.from_minute = 13 * 60, .to_minute = 24 * 60}},
                                   .duration_seconds = 20,
                                   .weight = 3,
                                   .priority = Priority::urgent};
    story_item.audience = Audience{.sites = {"phuong-nhan-chinh", "phuong-khuong-trung"}, .tags = {"ubnd"}};

    Standings standings{.title = "Bảng xếp hạng thi đua",
                        .cluster = "Cụm thi đua số 1 — các phường",
                        .period = "6 tháng đầu năm 2024",
                        .updated = CivilDate{2024, 7, 5},
                        .max_score = 100,
                        .rows = {{.rank = 1, .unit = "Phường Nhân Chính", .score = 95.5, .rank_change = 2},
                                 {.rank = 2, .unit = "Phường Khương Trung", .score = 93, .rank_change = std::nullopt},
                                 {.rank = 3, .unit = "Phường Hạ Đình", .score = 90.25, .rank_change = -1}}};
    HonorRoll honor_roll{.title = "Học sinh giỏi cấp quận",
                         .unit = "Trường THCS Nhân Chính",
                         .period = "Năm học 2023 – 2024",
                         .entries = {{.name = "Trần Minh An", .class_name = "9A1", .achievement = "Giải Nhất Toán", .photo = photo_hash},
                                     {.name = "Lê Thu Hà", .class_name = "", .achievement = "", .photo = std::nullopt}}};
    Announcement announcement{.title = "Phát động phong trào thi đua",
                              .body = {"Toàn quận thi đua lập thành tích."},
                              .movement = "Thi đua yêu nước",
                              .image = image_hash};
    Commemoration commemoration{.event = "Ngày Giải phóng Thủ đô",
                                .origin = CivilDate{1954, 10, 10},
                                .anniversary = CivilDate{2024, 10, 10},
                                .body = {"70 năm Giải phóng Thủ đô."},
                                .image = image_hash};
    manifest.items = {story_item,
                      Item{.id = "bang-xep-hang-cum-1", .kind = ItemKind::standings, .schedule = {}, .audience = {}, .content = standings},
                      Item{.id = "hoc-sinh-gioi", .kind = ItemKind::honor_roll, .schedule = {}, .audience = {.sites = {}, .tags = {"truong-hoc"}}, .content = honor_roll},
                      Item{.id = "phat-dong", .kind = ItemKind::announcement, .schedule = {}, .audience = {}, .content = announcement},
                      Item{.id = "giai-phong-thu-do", .kind = ItemKind::commemoration, .schedule = {}, .audience = {}, .content = commemoration}};
    return manifest;
}

}  // namespace

TEST_CASE("a written manifest parses back to the same manifest", "[core][writer]") {
    const Manifest original = everything();
    const std::string written = write_manifest(original);
    const Result<Manifest> parsed = parse_manifest(written, "written");
    INFO(written);
    REQUIRE(parsed.ok());

    // Writing what was parsed gives the same bytes: nothing was lost or changed.
    CHECK(write_manifest(*parsed) == written);

    CHECK(parsed->source_id == original.source_id);
    CHECK(parsed->source_name == original.source_name);
    CHECK(parsed->version == 7);
    CHECK(parsed->issued_at == original.issued_at);
    CHECK(parsed->expires_at == original.expires_at);
    REQUIRE(parsed->media.size() == 2);
    CHECK(parsed->media[1].sha256 == image_hash);
    CHECK(parsed->media[1].size_bytes == 9120);
    CHECK(parsed->media[1].width == 1920);
    CHECK(parsed->media[1].mime_type == "image/png");
    REQUIRE(parsed->items.size() == 5);

    const Item& story_item = parsed->items[0];
    const Schedule& schedule = story_item.schedule;
    CHECK(schedule.valid_from == original.items[0].schedule.valid_from);
    CHECK(schedule.valid_until == original.items[0].schedule.valid_until);
    CHECK(schedule.weekdays == 0b0011111);
    REQUIRE(schedule.hours.size() == 3);
    CHECK(schedule.hours[1].from_minute == 22 * 60);
    CHECK(schedule.hours[1].to_minute == 2 * 60);
    CHECK(schedule.hours[2].to_minute == 24 * 60);
    CHECK(schedule.duration_seconds == 20);
    CHECK(schedule.weight == 3);
    CHECK(schedule.priority == Priority::urgent);
    CHECK(story_item.audience.sites == std::vector<std::string>{"phuong-nhan-chinh", "phuong-khuong-trung"});
    CHECK(story_item.audience.tags == std::vector<std::string>{"ubnd"});

    const auto& story = std::get<Story>(story_item.content);
    CHECK(story.person_name == "Nguyễn Thị Hoa");
    CHECK(story.headline == "Người giữ lửa phong trào “Xanh – Sạch – Đẹp”");
    CHECK(story.body == std::get<Story>(original.items[0].content).body);
    CHECK(story.date == CivilDate{2024, 5, 7});
    CHECK(story.portal_url == "https://thanhxuan.hanoi.gov.vn/tin-tuc?id=12&muc=3");
    CHECK(story.photo == photo_hash);

    const auto& standings = std::get<Standings>(parsed->items[1].content);
    REQUIRE(standings.rows.size() == 3);
    CHECK(standings.rows[0].score == 95.5);
    CHECK(standings.rows[0].rank_change == 2);
    CHECK_FALSE(standings.rows[1].rank_change);
    CHECK(standings.rows[2].rank_change == -1);
    CHECK(standings.updated == CivilDate{2024, 7, 5});

    const auto& honor_roll = std::get<HonorRoll>(parsed->items[2].content);
    REQUIRE(honor_roll.entries.size() == 2);
    CHECK(honor_roll.entries[0].class_name == "9A1");
    CHECK(honor_roll.entries[0].photo == photo_hash);
    CHECK_FALSE(honor_roll.entries[1].photo);

    CHECK(std::get<Announcement>(parsed->items[3].content).image == image_hash);
    const auto& commemoration = std::get<Commemoration>(parsed->items[4].content);
    CHECK(commemoration.origin == CivilDate{1954, 10, 10});
    CHECK(commemoration.anniversary == CivilDate{2024, 10, 10});
}

TEST_CASE("every written item parses back on its own", "[core][writer]") {
    for (const Item& item : everything().items) {
        const std::string written = write_item(item);
        const Result<Item> parsed = parse_item(written, "stored item");
        INFO(written);
        REQUIRE(parsed.ok());
        CHECK(parsed->id == item.id);
        CHECK(parsed->kind == item.kind);
        CHECK(write_item(*parsed) == written);
    }
}

TEST_CASE("the writer uses the feed's exact member names and formats", "[core][writer]") {
    const Manifest manifest = everything();
    const auto document = nlohmann::ordered_json::parse(write_manifest(manifest));
    CHECK(document["format"] == "bangvang.feed/1");
    CHECK(document["source"]["id"] == "quan-thanh-xuan");
    CHECK(document["issued_at"] == "2024-11-20T08:00:00+07:00");
    CHECK(document["media"][0]["size"] == 48213);
    CHECK(document["media"][0]["type"] == "image/jpeg");

    const auto& story = document["items"][0];
    CHECK(story["kind"] == "story");
    CHECK(story["schedule"]["valid_until"] == "2025-01-01T00:00:00+07:00");  // written at Việt Nam's offset
    CHECK(story["schedule"]["days"] == nlohmann::ordered_json::array({1, 2, 3, 4, 5}));
    CHECK(story["schedule"]["hours"][0]["from"] == "07:00");
    CHECK(story["schedule"]["hours"][0]["to"] == "11:30");
    CHECK(story["schedule"]["hours"][2]["to"] == "24:00");
    CHECK(story["schedule"]["priority"] == "urgent");
    CHECK(story["story"]["name"] == "Nguyễn Thị Hoa");
    CHECK(story["story"]["date"] == "2024-05-07");
    CHECK(document["items"][2]["honor_roll"]["entries"][0]["class"] == "9A1");
    CHECK(document["items"][4]["commemoration"]["origin"] == "1954-10-10");
}

TEST_CASE("optional members that are empty or default are left out", "[core][writer]") {
    Announcement announcement;
    announcement.title = "Thông báo";
    const Item item{.id = "thong-bao", .kind = ItemKind::announcement, .schedule = {}, .audience = {}, .content = announcement};
    CHECK(write_item(item) == R"({"id":"thong-bao","kind":"announcement","announcement":{"title":"Thông báo"}})");

    Item scheduled = item;
    scheduled.schedule.valid_from = 0;
    scheduled.audience.tags = {"truong-hoc"};
    CHECK(write_item(scheduled) ==
          R"({"id":"thong-bao","kind":"announcement","schedule":{"valid_from":"1970-01-01T07:00:00+07:00"},)"
          R"("audience":{"tags":["truong-hoc"]},"announcement":{"title":"Thông báo"}})");
}

TEST_CASE("text that looks like markup after cleaning survives a round trip", "[core][writer]") {
    // The author escaped these on purpose; cleaning decoded them into literal text.
    const std::string source = R"({"id":"ky-tu","kind":"announcement","announcement":{
        "title":"Điểm &lt;b&gt;10&lt;/b&gt; &amp;amp; khen",
        "body":["A & B < C, &lt;!-- chú thích --&gt; và &amp;#8211;"]}})";
    const Result<Item> first = parse_item(source, "source");
    REQUIRE(first.ok());
    const auto& cleaned = std::get<Announcement>(first->content);
    REQUIRE(cleaned.title == "Điểm <b>10</b> &amp; khen");
    REQUIRE(cleaned.body[0] == "A & B < C, <!-- chú thích --> và &#8211;");

    const std::string written = write_item(*first);
    CHECK_THAT(written, Contains("A & B < C"));  // plain text stays readable
    const Result<Item> again = parse_item(written, "written");
    REQUIRE(again.ok());
    CHECK(std::get<Announcement>(again->content).title == cleaned.title);
    CHECK(std::get<Announcement>(again->content).body == cleaned.body);
}
