#include <catch2/catch.hpp>

#include <functional>

#include <nlohmann/json.hpp>

#include "core/manifest_parser.hpp"

using namespace bangvang::core;
using nlohmann::json;

namespace {

const std::string photo_hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const std::string image_hash = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
const std::string unlisted_hash = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

// "Nguyễn" decomposed (e + U+0302 + U+0303) and precomposed (U+1EC5).
const std::string nguyen_nfd = "Nguye\xCC\x82\xCC\x83n";
const std::string nguyen_nfc = "Nguy\xE1\xBB\x85n";

// A manifest with one item of every kind, a full schedule and an audience.
json valid_manifest() {
    return json::parse(R"JSON({
      "format": "bangvang.feed/1",
      "generator": "a field this kiosk does not know",
      "source": {"id": "quan-thanh-xuan", "name": "UBND quận Thanh Xuân", "logo": "ignored"},
      "version": 7,
      "issued_at": "2024-11-20T08:00:00+07:00",
      "expires_at": "2025-01-20T08:00:00+07:00",
      "media": [
        {"sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "size": 48213,
         "width": 800, "height": 1000, "type": "image/jpeg"},
        {"sha256": "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752", "size": 1200,
         "width": 1920, "height": 1080, "type": "image/png", "alt": "ignored"}
      ],
      "items": [
        {"id": "story-nguyen-thi-hoa", "kind": "story",
         "schedule": {"valid_from": "2024-11-20T00:00:00+07:00", "valid_until": "2024-12-31T00:00:00+07:00",
                      "days": [1, 2, 3, 4, 5], "hours": [{"from": "07:00", "to": "11:30"}, {"from": "22:00", "to": "02:00"}],
                      "duration": 20, "weight": 3, "priority": "urgent", "transition": "ignored"},
         "audience": {"sites": ["phuong-nhan-chinh"], "tags": ["truong-hoc", "nha-van-hoa"]},
         "story": {"name": "PLACEHOLDER", "role": "Tổ trưởng tổ dân phố số 5", "unit": "Phường Nhân Chính",
                   "headline": "  <b>Người</b>   giữ lửa &amp; phong trào  ",
                   "body": ["Đoạn <i>một</i>.<script>alert('x')</script>", "Đoạn hai &lt;3."],
                   "award": "Bằng khen", "movement": "Thi đua yêu nước", "date": "2024-05-07",
                   "portal_url": "https://thanhxuan.hanoi.gov.vn/tin?id=1&lang=vi",
                   "photo": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                   "mood": "ignored"}},
        {"id": "bxh-cum-1", "kind": "standings",
         "standings": {"title": "Bảng xếp hạng thi đua", "cluster": "Cụm thi đua số 1 — các phường",
                       "period": "6 tháng đầu năm 2024", "updated": "2024-07-05", "max_score": 100,
                       "rows": [{"rank": 2, "unit": "Phường Khương Trung", "score": 91},
                                {"rank": 1, "unit": "Phường Nhân Chính", "score": 95.5, "rank_change": 2}]}},
        {"id": "vinh-danh-2024", "kind": "honor_roll",
         "honor_roll": {"title": "Học sinh giỏi", "unit": "Trường THCS Nhân Chính", "period": "Năm học 2023 – 2024",
                        "entries": [{"name": "Trần Minh An", "class": "9A1", "achievement": "Giải Nhất Toán",
                                     "photo": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
                                    {"name": "Lê Thu Hà"}]}},
        {"id": "thong-bao-tiem-chung", "kind": "announcement",
         "announcement": {"title": "Lịch tiêm chủng", "body": ["Sáng thứ Bảy tại trạm y tế."],
                          "movement": "Vì sức khỏe cộng đồng",
                          "image": "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"}},
        {"id": "giai-phong-thu-do-70", "kind": "commemoration",
         "commemoration": {"event": "Ngày Giải phóng Thủ đô", "origin": "1954-10-10", "anniversary": "2024-10-10",
                           "body": ["70 năm Giải phóng Thủ đô."]}}
      ]
    })JSON");
}

json valid_manifest_with_decomposed_name() {
    json manifest = valid_manifest();
    manifest["items"][0]["story"]["name"] = nguyen_nfd + " Thị Hoa";
    return manifest;
}

Result<Manifest> parse(const json& manifest) {
    return parse_manifest(manifest.dump(), "feed quan-thanh-xuan");
}

}  // namespace

TEST_CASE("a valid manifest with every kind lands in the model", "[manifest_parser]") {
    const Result<Manifest> parsed = parse(valid_manifest_with_decomposed_name());
    INFO((parsed.ok() ? std::string() : parsed.problem().message()));
    REQUIRE(parsed.ok());
    const Manifest& manifest = *parsed;

    CHECK(manifest.source_id == "quan-thanh-xuan");
    CHECK(manifest.source_name == "UBND quận Thanh Xuân");
    CHECK(manifest.version == 7);
    CHECK(manifest.issued_at == 1732064400);
    CHECK(manifest.expires_at == 1737334800);
    REQUIRE(manifest.media.size() == 2);
    CHECK(manifest.media[0].sha256 == photo_hash);
    CHECK(manifest.media[0].size_bytes == 48213);
    CHECK(manifest.media[0].width == 800);
    CHECK(manifest.media[0].height == 1000);
    CHECK(manifest.media[0].mime_type == "image/jpeg");
    CHECK(manifest.media[1].mime_type == "image/png");
    REQUIRE(manifest.items.size() == 5);

    const Item& story_item = manifest.items[0];
    CHECK(story_item.id == "story-nguyen-thi-hoa");
    CHECK(story_item.kind == ItemKind::story);
    CHECK(story_item.schedule.valid_from == 1732035600);
    CHECK(story_item.schedule.valid_until == 1735578000);
    CHECK(story_item.schedule.weekdays == 0x1f);
    REQUIRE(story_item.schedule.hours.size() == 2);
    CHECK(story_item.schedule.hours[0].from_minute == 420);
    CHECK(story_item.schedule.hours[0].to_minute == 690);
    CHECK(story_item.schedule.hours[1].from_minute == 1320);
    CHECK(story_item.schedule.hours[1].to_minute == 120);
    CHECK(story_item.schedule.duration_seconds == 20);
    CHECK(story_item.schedule.weight == 3);
    CHECK(story_item.schedule.priority == Priority::urgent);
    CHECK(story_item.audience.sites == std::vector<std::string>{"phuong-nhan-chinh"});
    CHECK(story_item.audience.tags == std::vector<std::string>{"truong-hoc", "nha-van-hoa"});
    const auto& story = std::get<Story>(story_item.content);
    CHECK(story.person_name == nguyen_nfc + " Thị Hoa");  // NFC applied
    CHECK(story.role == "Tổ trưởng tổ dân phố số 5");
    CHECK(story.unit == "Phường Nhân Chính");
    CHECK(story.headline == "Người giữ lửa & phong trào");  // markup stripped, spaces collapsed
    CHECK(story.body == std::vector<std::string>{"Đoạn một.", "Đoạn hai <3."});
    CHECK(story.award == "Bằng khen");
    CHECK(story.movement == "Thi đua yêu nước");
    CHECK(story.date == CivilDate{2024, 5, 7});
    CHECK(story.portal_url == "https://thanhxuan.hanoi.gov.vn/tin?id=1&lang=vi");
    CHECK(story.photo == photo_hash);
    CHECK(media_used_by(story_item) == std::vector<std::string>{photo_hash});

    const Item& standings_item = manifest.items[1];
    CHECK(standings_item.kind == ItemKind::standings);
    CHECK(standings_item.schedule.weekdays == 0x7f);       // defaults
    CHECK(standings_item.schedule.duration_seconds == 15);
    CHECK(standings_item.schedule.weight == 1);
    CHECK(standings_item.schedule.priority == Priority::normal);
    CHECK(standings_item.audience.sites.empty());
    const auto& standings = std::get<Standings>(standings_item.content);
    CHECK(standings.title == "Bảng xếp hạng thi đua");
    CHECK(standings.cluster == "Cụm thi đua số 1 — các phường");
    CHECK(standings.period == "6 tháng đầu năm 2024");
    CHECK(standings.updated == CivilDate{2024, 7, 5});
    CHECK(standings.max_score == 100);
    REQUIRE(standings.rows.size() == 2);
    CHECK(standings.rows[0].rank == 1);  // sorted by rank
    CHECK(standings.rows[0].unit == "Phường Nhân Chính");
    CHECK(standings.rows[0].score == 95.5);
    CHECK(standings.rows[0].rank_change == 2);
    CHECK(standings.rows[1].rank == 2);
    CHECK_FALSE(standings.rows[1].rank_change.has_value());
    CHECK(media_used_by(standings_item).empty());

    const Item& honor_item = manifest.items[2];
    CHECK(honor_item.kind == ItemKind::honor_roll);
    const auto& honor_roll = std::get<HonorRoll>(honor_item.content);
    CHECK(honor_roll.title == "Học sinh giỏi");
    CHECK(honor_roll.unit == "Trường THCS Nhân Chính");
    CHECK(honor_roll.period == "Năm học 2023 – 2024");
    REQUIRE(honor_roll.entries.size() == 2);
    CHECK(honor_roll.entries[0].name == "Trần Minh An");
    CHECK(honor_roll.entries[0].class_name == "9A1");
    CHECK(honor_roll.entries[0].achievement == "Giải Nhất Toán");
    CHECK(honor_roll.entries[0].photo == photo_hash);
    CHECK(honor_roll.entries[1].name == "Lê Thu Hà");
    CHECK_FALSE(honor_roll.entries[1].photo.has_value());

    const Item& announcement_item = manifest.items[3];
    const auto& announcement = std::get<Announcement>(announcement_item.content);
    CHECK(announcement.title == "Lịch tiêm chủng");
    CHECK(announcement.body == std::vector<std::string>{"Sáng thứ Bảy tại trạm y tế."});
    CHECK(announcement.movement == "Vì sức khỏe cộng đồng");
    CHECK(announcement.image == image_hash);

    const Item& commemoration_item = manifest.items[4];
    const auto& commemoration = std::get<Commemoration>(commemoration_item.content);
    CHECK(commemoration.event == "Ngày Giải phóng Thủ đô");
    CHECK(commemoration.origin == CivilDate{1954, 10, 10});
    CHECK(commemoration.anniversary == CivilDate{2024, 10, 10});
    CHECK(commemoration.body == std::vector<std::string>{"70 năm Giải phóng Thủ đô."});
    CHECK_FALSE(commemoration.image.has_value());
}

TEST_CASE("optional members may be absent or null", "[manifest_parser]") {
    json manifest = valid_manifest();
    manifest.erase("media");
    manifest["items"] = json::array({json::parse(R"({"id": "a", "kind": "announcement",
        "schedule": null, "announcement": {"title": "Chỉ có tiêu đề", "body": null, "image": null}})")});
    const Result<Manifest> parsed = parse(manifest);
    INFO((parsed.ok() ? std::string() : parsed.problem().message()));
    REQUIRE(parsed.ok());
    CHECK(parsed->media.empty());
    CHECK(std::get<Announcement>(parsed->items[0].content).body.empty());

    manifest["items"] = json::array();
    CHECK(parse(manifest).ok());
}

namespace {

struct InvalidCase {
    const char* description;
    std::function<void(json&)> mutate;
    std::string where;
    std::string field;
    std::string reason_contains;
};

const std::string origin = "feed quan-thanh-xuan";
const std::string story_where = origin + ": items[0] (id \"story-nguyen-thi-hoa\")";
const std::string standings_where = origin + ": items[1] (id \"bxh-cum-1\")";
const std::string honor_where = origin + ": items[2] (id \"vinh-danh-2024\")";
const std::string announcement_where = origin + ": items[3] (id \"thong-bao-tiem-chung\")";
const std::string commemoration_where = origin + ": items[4] (id \"giai-phong-thu-do-70\")";

json& story_of(json& manifest) { return manifest["items"][0]["story"]; }

}  // namespace

TEST_CASE("invalid manifests name where, field and reason", "[manifest_parser]") {
    const std::vector<InvalidCase> cases = {
        {"missing format", [](json& m) { m.erase("format"); }, origin, "format", "not a bangvang feed manifest"},
        {"newer format", [](json& m) { m["format"] = "bangvang.feed/2"; }, origin, "format", "this kiosk reads \"bangvang.feed/1\""},
        {"missing source id", [](json& m) { m["source"].erase("id"); }, origin, "source.id", "is required but missing"},
        {"source name not a string", [](json& m) { m["source"]["name"] = 12; }, origin, "source.name", "must be a string, not a number"},
        {"version zero", [](json& m) { m["version"] = 0; }, origin, "version", "must be between 1 and"},
        {"version fractional", [](json& m) { m["version"] = 7.5; }, origin, "version", "must be a whole number"},
        {"version as string", [](json& m) { m["version"] = "7"; }, origin, "version", "not a string"},
        {"issued_at without offset", [](json& m) { m["issued_at"] = "2024-11-20T08:00:00"; }, origin, "issued_at", "no UTC offset"},
        {"expires before issued", [](json& m) { m["expires_at"] = "2024-11-20T07:59:59+07:00"; }, origin, "expires_at", "must be after issued_at"},
        {"expires equal issued", [](json& m) { m["expires_at"] = "2024-11-20T01:00:00Z"; }, origin, "expires_at", "must be after issued_at"},
        {"issued_at on Feb 30", [](json& m) { m["issued_at"] = "2024-02-30T08:00:00+07:00"; }, origin, "issued_at", "not a real calendar date"},
        {"items missing", [](json& m) { m.erase("items"); }, origin, "items", "is required but missing"},
        {"items not an array", [](json& m) { m["items"] = json::object(); }, origin, "items", "must be an array, not an object"},
        {"media hash uppercase", [](json& m) { m["media"][1]["sha256"] = "60303AE22B998861BCE3B28F33EEC1BE758A213C86C93C076DBE9F558C11C752"; },
         origin + ": media[1]", "sha256", "is not a SHA-256 hash"},
        {"media hash short", [](json& m) { m["media"][0]["sha256"] = "9f86d081"; }, origin + ": media[0]", "sha256", "64 lowercase hex digits"},
        {"media listed twice", [](json& m) { m["media"][1]["sha256"] = m["media"][0]["sha256"]; }, origin + ": media[1]", "sha256", "listed twice"},
        {"media too large", [](json& m) { m["media"][0]["size"] = max_media_bytes + 1; }, origin + ": media[0]", "size", "between 1 and 33554432"},
        {"media zero size", [](json& m) { m["media"][0]["size"] = 0; }, origin + ": media[0]", "size", "between 1 and"},
        {"media width zero", [](json& m) { m["media"][0]["width"] = 0; }, origin + ": media[0]", "width", "between 1 and 16384"},
        {"media height too big", [](json& m) { m["media"][1]["height"] = 16385; }, origin + ": media[1]", "height", "between 1 and 16384"},
        {"media gif", [](json& m) { m["media"][0]["type"] = "image/gif"; }, origin + ": media[0]", "type", "must be \"image/jpeg\" or \"image/png\""},
        {"item not an object", [](json& m) { m["items"][2] = "x"; }, origin + ": items[2]", "", "must be an object, not a string"},
        {"item without id", [](json& m) { m["items"][3].erase("id"); }, origin + ": items[3]", "id", "is required but missing"},
        {"id with capitals", [](json& m) { m["items"][3]["id"] = "Thong-Bao"; }, origin + ": items[3]", "id", "is not an identifier"},
        {"id starting with dash", [](json& m) { m["items"][3]["id"] = "-a"; }, origin + ": items[3]", "id", "is not an identifier"},
        {"id too long", [](json& m) { m["items"][3]["id"] = std::string(65, 'a'); }, origin + ": items[3]", "id", "1 to 64"},
        {"duplicate id", [](json& m) { m["items"][3]["id"] = "bxh-cum-1"; }, origin + ": items[3] (id \"bxh-cum-1\")", "id", "already used by items[1]"},
        {"unknown kind", [](json& m) { m["items"][1]["kind"] = "video"; }, standings_where, "kind", "must be one of \"story\", \"standings\""},
        {"kind object missing", [](json& m) { m["items"][1].erase("standings"); }, standings_where, "standings", "is required for an item of kind \"standings\""},
        {"kind object wrong type", [](json& m) { m["items"][1]["standings"] = json::array(); }, standings_where, "standings", "must be an object, not an array"},
        {"portal url javascript", [](json& m) { story_of(m)["portal_url"] = "javascript:alert(1)"; }, story_where, "story.portal_url", "must be an http or https URL"},
        {"portal url without host", [](json& m) { story_of(m)["portal_url"] = "https:///path"; }, story_where, "story.portal_url", "with a host"},
        {"portal url with space", [](json& m) { story_of(m)["portal_url"] = "https://a.vn/x y"; }, story_where, "story.portal_url", "must not contain spaces"},
        {"story name missing", [](json& m) { story_of(m).erase("name"); }, story_where, "story.name", "is required but missing"},
        {"story name only markup", [](json& m) { story_of(m)["name"] = "<b></b>  "; }, story_where, "story.name", "must not be empty"},
        {"story name too long", [](json& m) { story_of(m)["name"] = std::string(121, 'x'); }, story_where, "story.name", "is too long: 121 characters, at most 120"},
        {"headline too long", [](json& m) { story_of(m)["headline"] = std::string(201, 'x'); }, story_where, "story.headline", "at most 200"},
        {"story body empty", [](json& m) { story_of(m)["body"] = json::array(); }, story_where, "story.body", "must not be empty"},
        {"story body missing", [](json& m) { story_of(m).erase("body"); }, story_where, "story.body", "is required but missing"},
        {"paragraph too long", [](json& m) { story_of(m)["body"][1] = std::string(2001, 'x'); }, story_where, "story.body[1]", "at most 2000"},
        {"paragraph not a string", [](json& m) { story_of(m)["body"][1] = true; }, story_where, "story.body[1]", "must be a string, not a boolean"},
        {"control character in text", [](json& m) { story_of(m)["role"] = "a\x1b[31mb"; }, story_where, "story.role", "control character U+001B"},
        {"story date invalid", [](json& m) { story_of(m)["date"] = "2024-02-30"; }, story_where, "story.date", "not a real calendar date"},
        {"photo not listed", [](json& m) { story_of(m)["photo"] = unlisted_hash; }, story_where, "story.photo", "not listed in \"media\""},
        {"photo not a hash", [](json& m) { story_of(m)["photo"] = "photo.jpg"; }, story_where, "story.photo", "is not a SHA-256 hash"},
        {"honour roll photo not listed", [](json& m) { m["items"][2]["honor_roll"]["entries"][1]["photo"] = unlisted_hash; },
         honor_where, "honor_roll.entries[1].photo", "not listed in \"media\""},
        {"honour roll entry without name", [](json& m) { m["items"][2]["honor_roll"]["entries"][1].erase("name"); },
         honor_where, "honor_roll.entries[1].name", "is required but missing"},
        {"honour roll without entries", [](json& m) { m["items"][2]["honor_roll"]["entries"] = json::array(); },
         honor_where, "honor_roll.entries", "must not be empty"},
        {"announcement image not listed", [](json& m) { m["items"][3]["announcement"]["image"] = unlisted_hash; },
         announcement_where, "announcement.image", "not listed in \"media\""},
        {"announcement without title", [](json& m) { m["items"][3]["announcement"].erase("title"); },
         announcement_where, "announcement.title", "is required but missing"},
        {"standings rank zero", [](json& m) { m["items"][1]["standings"]["rows"][1]["rank"] = 0; },
         standings_where, "standings.rows[1].rank", "must be between 1 and"},
        {"standings score as text", [](json& m) { m["items"][1]["standings"]["rows"][0]["score"] = "91"; },
         standings_where, "standings.rows[0].score", "must be a number, not a string"},
        {"standings without rows", [](json& m) { m["items"][1]["standings"].erase("rows"); },
         standings_where, "standings.rows", "is required but missing"},
        {"standings row without unit", [](json& m) { m["items"][1]["standings"]["rows"][0].erase("unit"); },
         standings_where, "standings.rows[0].unit", "is required but missing"},
        {"standings max score negative", [](json& m) { m["items"][1]["standings"]["max_score"] = -1; },
         standings_where, "standings.max_score", "must be greater than 0"},
        {"commemoration without origin", [](json& m) { m["items"][4]["commemoration"].erase("origin"); },
         commemoration_where, "commemoration.origin", "is required but missing"},
        {"commemoration anniversary before origin", [](json& m) { m["items"][4]["commemoration"]["anniversary"] = "1954-10-09"; },
         commemoration_where, "commemoration.anniversary", "must be after commemoration.origin"},
        {"duration too short", [](json& m) { m["items"][0]["schedule"]["duration"] = 2; }, story_where, "schedule.duration", "between 3 and 600"},
        {"duration too long", [](json& m) { m["items"][0]["schedule"]["duration"] = 601; }, story_where, "schedule.duration", "between 3 and 600"},
        {"weight too big", [](json& m) { m["items"][0]["schedule"]["weight"] = 101; }, story_where, "schedule.weight", "between 1 and 100"},
        {"day zero", [](json& m) { m["items"][0]["schedule"]["days"][2] = 0; }, story_where, "schedule.days[2]", "between 1 and 7"},
        {"day eight", [](json& m) { m["items"][0]["schedule"]["days"][0] = 8; }, story_where, "schedule.days[0]", "between 1 and 7"},
        {"no days", [](json& m) { m["items"][0]["schedule"]["days"] = json::array(); }, story_where, "schedule.days", "must not be empty"},
        {"hour out of range", [](json& m) { m["items"][0]["schedule"]["hours"][1]["to"] = "24:30"; }, story_where, "schedule.hours[1].to", "between 00:00 and 24:00"},
        {"hour badly written", [](json& m) { m["items"][0]["schedule"]["hours"][0]["from"] = "7h"; }, story_where, "schedule.hours[0].from", "HH:MM"},
        {"hour window without end", [](json& m) { m["items"][0]["schedule"]["hours"][0].erase("to"); }, story_where, "schedule.hours[0].to", "is required but missing"},
        {"valid_until before valid_from", [](json& m) { m["items"][0]["schedule"]["valid_until"] = "2024-11-19T00:00:00+07:00"; },
         story_where, "schedule.valid_until", "must be after schedule.valid_from"},
        {"valid_from not a date-time", [](json& m) { m["items"][0]["schedule"]["valid_from"] = "tomorrow"; },
         story_where, "schedule.valid_from", "is not an RFC 3339 date-time"},
        {"unknown priority", [](json& m) { m["items"][0]["schedule"]["priority"] = "high"; }, story_where, "schedule.priority", "\"normal\" or \"urgent\""},
        {"schedule not an object", [](json& m) { m["items"][0]["schedule"] = 5; }, story_where, "schedule", "must be an object, not a number"},
        {"audience site not an identifier", [](json& m) { m["items"][0]["audience"]["sites"][0] = "Phường Nhân Chính"; },
         story_where, "audience.sites[0]", "is not an identifier"},
        {"audience tags not an array", [](json& m) { m["items"][0]["audience"]["tags"] = "truong-hoc"; },
         story_where, "audience.tags", "must be an array, not a string"},
    };
    for (const InvalidCase& invalid : cases) {
        INFO(invalid.description);
        json manifest = valid_manifest();
        invalid.mutate(manifest);
        const Result<Manifest> parsed = parse(manifest);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.problem().where == invalid.where);
        CHECK(parsed.problem().field == invalid.field);
        CHECK_THAT(parsed.problem().reason, Catch::Contains(invalid.reason_contains));
    }
}

TEST_CASE("invalid UTF-8 in the bytes is reported as invalid JSON", "[manifest_parser]") {
    std::string bytes = valid_manifest().dump();
    const std::size_t name = bytes.find("UBND");
    bytes[name] = '\xFF';
    const Result<Manifest> parsed = parse_manifest(bytes, "feed x");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.problem().where == "feed x");
    CHECK(parsed.problem().field.empty());
    CHECK_THAT(parsed.problem().reason, Catch::StartsWith("is not valid JSON: "));
    CHECK_THAT(parsed.problem().reason, Catch::Contains("\\xFF"));  // shown escaped, never raw
}

TEST_CASE("oversized and deeply nested input is refused before parsing", "[manifest_parser]") {
    const std::string huge(max_manifest_bytes + 1, ' ');
    const Result<Manifest> too_big = parse_manifest(huge, "feed x");
    REQUIRE_FALSE(too_big.ok());
    CHECK_THAT(too_big.problem().reason, Catch::Contains("is too large: 4194305 bytes"));

    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const Result<Manifest> nested = parse_manifest(deep, "feed x");
    REQUIRE_FALSE(nested.ok());
    CHECK_THAT(nested.problem().reason, Catch::Contains("nested deeper than 64 levels"));

    // Brackets inside strings do not count.
    json manifest = valid_manifest();
    story_of(manifest)["body"][0] = std::string(500, '[') + "\"{{{";
    CHECK(parse(manifest).ok());
}

TEST_CASE("numbers nlohmann cannot hold are rejected, not thrown", "[manifest_parser]") {
    std::string bytes = valid_manifest().dump();
    const std::size_t score = bytes.find("95.5");
    bytes.replace(score, 4, "1e400");
    const Result<Manifest> parsed = parse_manifest(bytes, "feed x");
    REQUIRE_FALSE(parsed.ok());
    CHECK_THAT(parsed.problem().reason, Catch::Contains("number overflow"));
}

TEST_CASE("parse_item reads one item without a media list", "[manifest_parser]") {
    json item = valid_manifest()["items"][0];
    item["story"]["photo"] = unlisted_hash;  // no media list to check against
    const Result<Item> parsed = parse_item(item.dump(), "cache item 12");
    INFO((parsed.ok() ? std::string() : parsed.problem().message()));
    REQUIRE(parsed.ok());
    CHECK(parsed->id == "story-nguyen-thi-hoa");
    CHECK(std::get<Story>(parsed->content).photo == unlisted_hash);

    item["story"]["photo"] = "not-a-hash";
    const Result<Item> bad = parse_item(item.dump(), "cache item 12");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.problem().where == "cache item 12 (id \"story-nguyen-thi-hoa\")");
    CHECK(bad.problem().field == "story.photo");

    const Result<Item> not_json = parse_item("{", "cache item 13");
    REQUIRE_FALSE(not_json.ok());
    CHECK(not_json.problem().where == "cache item 13");
    CHECK_THAT(not_json.problem().reason, Catch::StartsWith("is not valid JSON"));
}
