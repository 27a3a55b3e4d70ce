// The fleet page and the publicity report from known reports: every cell of the report
// (through its CSV, byte for byte) and of the fleet's JSON, the order and colours of the
// fleet, the site filter, and the latest version read from the feed's signed manifest.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/manifest_writer.hpp"
#include "portal/fleet_page.hpp"
#include "portal/portal_database.hpp"
#include "portal/publicity_report.hpp"
#include "portal/report_receiver.hpp"
#include "portal/served_feeds.hpp"
#include "portal_test_support.hpp"
#include "support/process.hpp"
#include "sync/feed_signature.hpp"

using namespace bangvang;
using namespace bangvang::portal;
using namespace bangvang::portal::testing;
using bangvang::testing::ScratchDirectory;
using Json = nlohmann::json;

namespace {

const std::int64_t now_ms = test_now * 1000;
constexpr core::UnixSeconds day = 86'400;

core::Item story(const std::string& id, const std::string& name) {
    core::Story content;
    content.person_name = name;
    content.headline = "Người tốt, việc tốt";
    content.body = {"Một đoạn."};
    return core::Item{.id = id, .kind = core::ItemKind::story, .schedule = {}, .audience = {}, .content = content};
}

core::Item announcement(const std::string& id, const std::string& title) {
    core::Announcement content;
    content.title = title;
    return core::Item{.id = id, .kind = core::ItemKind::announcement, .schedule = {}, .audience = {}, .content = content};
}

// The district's feed as bangvang-publish leaves it: manifest.json and its signature.
ServedFeed write_served_feed(const std::filesystem::path& folder, std::int64_t version) {
    const sync::SecretKey key = sync::generate_secret_key();
    core::Manifest manifest;
    manifest.source_id = "quan-thanh-xuan";
    manifest.source_name = "UBND quận Thanh Xuân";
    manifest.version = version;
    manifest.issued_at = test_now - 10 * day;
    manifest.expires_at = test_now + 60 * day;
    manifest.items = {story("story-hoa", "Nguyễn Thị Hoa"), story("story-lan", "Trần Văn Lân"),
                      announcement("thong-bao", "Ra quân \"Tết trồng cây\", 2025")};
    const std::string bytes = core::write_manifest(manifest);
    bangvang::testing::write_file(folder / "manifest.json", bytes);
    bangvang::testing::write_file(folder / std::string(sync::signature_file_name), sync::sign_manifest(bytes, {key}));
    return ServedFeed{.source_id = "quan-thanh-xuan", .directory = folder, .keys = {key.public_key()}};
}

std::vector<PlaySpec> plays_of(const std::string& item, int count, std::int64_t milliseconds, core::UnixSeconds from) {
    std::vector<PlaySpec> plays;
    for (int index = 0; index < count; ++index) plays.push_back({item, from + index * 60, milliseconds});
    return plays;
}

std::vector<PlaySpec> joined(std::vector<PlaySpec> first, const std::vector<PlaySpec>& second) {
    first.insert(first.end(), second.begin(), second.end());
    return first;
}

}  // namespace

TEST_CASE("the publicity report counts every play exactly", "[portal][report]") {
    ScratchDirectory scratch("portal-report");
    PortalDatabase database(scratch.path() / "portal.sqlite3");
    const TestKiosk k1 = make_kiosk("k1", "phuong-a");
    const TestKiosk k2 = make_kiosk("k2", "phuong-a");
    const TestKiosk k3 = make_kiosk("k3", "phuong-b");
    const KioskRegistry registry = registry_of({k1, k2, k3});
    const ReceiveSettings settings{};
    std::int64_t stamp = now_ms;
    const auto receive = [&](const TestKiosk& kiosk, const std::string& body) {
        ++stamp;
        REQUIRE(receive_report(body, signature_value(kiosk, stamp, body), registry, database, settings, now_ms).status == 200);
    };
    receive(k1, report_body(k1, joined(plays_of("story-hoa", 3, 15'000, test_now - 3 * day),
                                       plays_of("thong-bao", 2, 10'000, test_now - 2 * day))));
    receive(k2, report_body(k2, plays_of("story-hoa", 1, 15'000, test_now - 2 * day),
                            {{"story-lan", "2024-11-20", 12'422, 74'532'000}}));
    receive(k3, report_body(k3, plays_of("story-lan", 4, 12'000, test_now - day)));
    // Outside both periods: the day after.
    receive(k3, report_body(k3, plays_of("story-lan", 7, 12'000, test_now - 3600)));
    const std::vector<ServedFeedState> feeds = {read_served_feeds({write_served_feed(scratch.path() / "feed", 7)})};

    SECTION("the last days of November") {
        const PublicityReport report = build_publicity_report(database.play_totals({2024, 11, 25}, {2024, 11, 30}), feeds,
                                                              "Quận Thanh Xuân", {2024, 11, 25}, {2024, 11, 30});
        CHECK(report.headline == "Gương điển hình tiên tiến được trình chiếu 8 lượt tại 2 điểm");
        const std::string csv = report_csv(report);
        CHECK(csv ==
              "\xEF\xBB\xBF"
              "Quận Thanh Xuân - Báo cáo kết quả tuyên truyền trên màn hình,từ 25/11/2024 đến 30/11/2024\r\n"
              "Gương điển hình tiên tiến được trình chiếu 8 lượt tại 2 điểm\r\n"
              "\r\n"
              "Nguồn,Mã nội dung,Nội dung,Loại,Lượt,Phút,Số điểm,Số máy\r\n"
              "quan-thanh-xuan,story-hoa,Nguyễn Thị Hoa,Gương điển hình,4,1.0,1,2\r\n"
              "quan-thanh-xuan,story-lan,Trần Văn Lân,Gương điển hình,4,0.8,1,1\r\n"
              "quan-thanh-xuan,thong-bao,\"Ra quân \"\"Tết trồng cây\"\", 2025\",Thông báo,2,0.3,1,1\r\n"
              "\r\n"
              "Nguồn,Mã nội dung,Điểm,Lượt,Phút\r\n"
              "quan-thanh-xuan,story-hoa,phuong-a,4,1.0\r\n"
              "quan-thanh-xuan,story-lan,phuong-b,4,0.8\r\n"
              "quan-thanh-xuan,thong-bao,phuong-a,2,0.3\r\n"
              "\r\n"
              "Điểm,Lượt,Phút,Số máy,Số nội dung\r\n"
              "phuong-a,6,1.3,2,2\r\n"
              "phuong-b,4,0.8,1,1\r\n"
              "Tổng,10,2.1\r\n");
        const std::string html = report_html(report);
        CHECK_THAT(html, Catch::Contains("<p class=\"headline\" id=\"headline\">Gương điển hình tiên tiến được trình chiếu 8 lượt tại 2 điểm</p>"));
        CHECK_THAT(html, Catch::Contains("<td>Nguyễn Thị Hoa<br><span class=\"muted\">quan-thanh-xuan / story-hoa</span></td>"
                                         "<td>Gương điển hình</td><td class=\"number\">4</td><td class=\"number\">1,0</td>"
                                         "<td class=\"number\">1</td><td class=\"number\">2</td><td class=\"sites\">phuong-a: 4</td>"));
        CHECK_THAT(html, Catch::Contains("Ra quân &quot;Tết trồng cây&quot;, 2025"));
        CHECK_THAT(html, Catch::Contains("<tr><td>phuong-a</td><td class=\"number\">6</td><td class=\"number\">1,3</td>"
                                         "<td class=\"number\">2</td><td class=\"number\">2</td></tr>"));
        CHECK_THAT(html, Catch::Contains("size: A4"));
    }
    SECTION("the whole of November, with the counts a kiosk folded offline") {
        const PublicityReport report = build_publicity_report(database.play_totals({2024, 11, 1}, {2024, 11, 30}), feeds,
                                                              "Quận Thanh Xuân", {2024, 11, 1}, {2024, 11, 30});
        CHECK(report.headline == "Gương điển hình tiên tiến được trình chiếu 12\u00a0430 lượt tại 2 điểm");
        REQUIRE(report.items.size() == 3);
        CHECK(report.items[0].item_id == "story-lan");
        CHECK(report.items[0].plays == 12'426);
        CHECK(report.items[0].duration_milliseconds == 74'580'000);
        CHECK(report.items[0].sites == 2);
        CHECK(report.items[0].kiosks == 2);
        CHECK(report.items[0].per_site.at("phuong-a").plays == 12'422);
        CHECK(report.items[0].per_site.at("phuong-b").plays == 4);
        CHECK(report.total_plays == 12'432);
        CHECK_THAT(report_html(report), Catch::Contains("<td class=\"number\">12\u00a0426</td><td class=\"number\">1\u00a0243,0</td>"));
    }
    SECTION("an empty period says so") {
        const PublicityReport report = build_publicity_report(database.play_totals({2023, 1, 1}, {2023, 1, 31}), feeds,
                                                              "Quận Thanh Xuân", {2023, 1, 1}, {2023, 1, 31});
        CHECK(report.headline == "Chưa có lượt trình chiếu gương điển hình tiên tiến nào trong kỳ");
        CHECK_THAT(report_html(report), Catch::Contains("Không có lượt trình chiếu nào trong kỳ."));
    }
}

TEST_CASE("the fleet shows silent kiosks first, each in its colour, behind versions marked", "[portal][fleet]") {
    ScratchDirectory scratch("portal-fleet");
    PortalDatabase database(scratch.path() / "portal.sqlite3");
    const TestKiosk fresh = make_kiosk("fresh-01", "phuong-a", "UBND phường A");
    const TestKiosk late = make_kiosk("late-01", "phuong-a", "Trường THCS A");
    const TestKiosk silent = make_kiosk("silent-01", "phuong-b", "UBND phường B");
    const TestKiosk never = make_kiosk("never-01", "phuong-b", "Nhà văn hóa B");
    const KioskRegistry registry = registry_of({fresh, late, silent, never});
    std::int64_t stamp = now_ms;
    const auto heartbeat = [&](const TestKiosk& kiosk, core::UnixSeconds at, std::int64_t version) {
        const std::string body = report_body(kiosk, {}, {}, at, version);
        ++stamp;
        REQUIRE(receive_report(body, signature_value(kiosk, stamp, body), registry, database, ReceiveSettings{}, now_ms).status == 200);
    };
    heartbeat(fresh, test_now - 60, 8);
    heartbeat(late, test_now - 1800, 7);
    heartbeat(silent, test_now - 7200, 8);
    heartbeat(silent, test_now - 9000, 3);  // older, arriving later: does not replace the newer one
    const std::vector<ServedFeedState> feeds = read_served_feeds({write_served_feed(scratch.path() / "feed", 8)});
    REQUIRE(feeds[0].version == 8);

    const FleetView view = fleet_view(registry, database.kiosk_states(), feeds, test_now, 300, 7 * 60, "");
    REQUIRE(view.rows.size() == 4);
    CHECK(view.rows[0].kiosk_id == "never-01");
    CHECK(view.rows[0].freshness == Freshness::never);
    CHECK(view.rows[1].kiosk_id == "silent-01");
    CHECK(view.rows[1].freshness == Freshness::silent);
    CHECK(view.rows[1].seconds_since_heartbeat == 7200);
    CHECK(view.rows[2].kiosk_id == "late-01");
    CHECK(view.rows[2].freshness == Freshness::late);
    CHECK(view.rows[3].kiosk_id == "fresh-01");
    CHECK(view.rows[3].freshness == Freshness::fresh);
    REQUIRE(view.rows[2].sources.size() == 1);
    CHECK(view.rows[2].sources[0].behind);
    CHECK(view.rows[2].sources[0].latest == 8);
    CHECK_FALSE(view.rows[3].sources[0].behind);
    CHECK(view.rows[1].sources[0].version == 8);

    const Json json = Json::parse(fleet_json(view));
    CHECK(json.at("kiosks")[0].at("state") == "never");
    CHECK(json.at("kiosks")[0].at("seconds_since_heartbeat").is_null());
    CHECK(json.at("kiosks")[1].at("place") == "UBND phường B");
    CHECK(json.at("kiosks")[2].at("sources")[0].at("behind") == true);
    CHECK(json.at("kiosks")[3].at("free_disk_bytes") == 5'120'004'096);
    CHECK(json.at("kiosks")[3].at("uptime_seconds") == 7200);
    CHECK(json.at("kiosks")[3].at("program_version") == "0.1.0");
    CHECK(json.at("feeds")[0].at("latest") == 8);

    const std::string html = fleet_html(view);
    CHECK_THAT(html, Catch::Contains("<section class=\"kiosk never\" id=\"kiosk-never-01\">"));
    CHECK_THAT(html, Catch::Contains("Nhà văn hóa B <span class=\"badge never-badge\">chưa từng báo</span>"));
    CHECK_THAT(html, Catch::Contains("UBND phường B <span class=\"badge silent-badge\">2 giờ trước</span>"));
    CHECK_THAT(html, Catch::Contains("Trường THCS A <span class=\"badge late-badge\">30 phút trước</span>"));
    CHECK_THAT(html, Catch::Contains("UBND phường A <span class=\"badge fresh-badge\">1 phút trước</span>"));
    CHECK_THAT(html, Catch::Contains("cũ hơn bản mới nhất 8"));
    CHECK_THAT(html, Catch::Contains("<dt>Đĩa trống</dt><dd>5,1 GB</dd>"));
    CHECK_THAT(html, Catch::Contains("name=\"viewport\""));
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("never-01") < html.find("silent-01"));
    CHECK(html.find("silent-01") < html.find("late-01"));
    CHECK(html.find("late-01") < html.find("fresh-01"));

    const FleetView only_b = fleet_view(registry, database.kiosk_states(), feeds, test_now, 300, 7 * 60, "phuong-b");
    REQUIRE(only_b.rows.size() == 2);
    CHECK(only_b.rows[0].site == "phuong-b");
    CHECK(only_b.rows[1].site == "phuong-b");
    CHECK(only_b.sites.size() == 2);
}

TEST_CASE("the fleet shows each kiosk's clock and its last unattended update, a rolled-back one in red", "[portal][fleet]") {
    ScratchDirectory scratch("portal-fleet-clock");
    PortalDatabase database(scratch.path() / "portal.sqlite3");
    const TestKiosk updated = make_kiosk("updated-01", "phuong-a", "UBND phường A");
    const TestKiosk rolled_back = make_kiosk("rolled-back-01", "phuong-a", "Trường THCS A");
    const TestKiosk older = make_kiosk("older-01", "phuong-b", "UBND phường B");
    const TestKiosk damaged = make_kiosk("damaged-01", "phuong-b", "Nhà văn hóa B");
    const KioskRegistry registry = registry_of({updated, rolled_back, older, damaged});
    std::int64_t stamp = now_ms;
    // The heartbeat as the kiosk writes it, with these members added (none: an older kiosk).
    const auto heartbeat = [&](const TestKiosk& kiosk, const Json& members) {
        Json body = Json::parse(report_body(kiosk, {}, {}, test_now - 60));
        for (const auto& [key, value] : members.items()) body["heartbeats"][0][key] = value;
        const std::string text = body.dump();
        ++stamp;
        REQUIRE(receive_report(text, signature_value(kiosk, stamp, text), registry, database, ReceiveSettings{}, now_ms).status == 200);
    };
    heartbeat(updated, Json{{"clock_synchronized", true},
                            {"last_update", {{"result", "updated"}, {"at", "2024-12-01T03:12:40+07:00"},
                                             {"from_version", "0.1.0-1"}, {"to_version", "0.2.0-1"},
                                             {"message", "bangvang 0.2.0-1 is running (ready)"}}}});
    heartbeat(rolled_back, Json{{"clock_synchronized", false},
                                {"last_update", {{"result", "rolled_back"}, {"at", "2024-12-01T03:25:00+07:00"},
                                                 {"from_version", "0.2.0-1"}, {"to_version", "0.1.0-1"},
                                                 {"message", "not ready within 10 min; bangvang 0.1.0-1 reinstalled"}}}});
    heartbeat(older, Json::object());
    heartbeat(damaged, Json{{"clock_synchronized", true}, {"last_update", {{"result", 5}}}});

    const FleetView view = fleet_view(registry, database.kiosk_states(), {}, test_now, 300, 7 * 60, "");
    REQUIRE(view.rows.size() == 4);
    std::map<std::string, const FleetRow*> rows;
    for (const FleetRow& row : view.rows) rows[row.kiosk_id] = &row;
    CHECK(rows.at("updated-01")->clock_synchronized == true);
    CHECK(rows.at("rolled-back-01")->clock_synchronized == false);
    CHECK(rows.at("older-01")->clock_synchronized == std::nullopt);
    CHECK(rows.at("older-01")->last_update == std::nullopt);
    REQUIRE(rows.at("rolled-back-01")->last_update.has_value());
    CHECK(rows.at("rolled-back-01")->last_update->to_version == "0.1.0-1");
    CHECK(rows.at("damaged-01")->last_update->result == "unreadable");

    const Json json = Json::parse(fleet_json(view));
    std::map<std::string, Json> kiosks;
    for (const Json& kiosk : json.at("kiosks")) kiosks[kiosk.at("kiosk_id")] = kiosk;
    CHECK(kiosks.at("updated-01").at("clock_synchronized") == true);
    CHECK(kiosks.at("rolled-back-01").at("clock_synchronized") == false);
    CHECK(kiosks.at("older-01").at("clock_synchronized").is_null());
    CHECK(kiosks.at("older-01").at("last_update").is_null());
    CHECK(kiosks.at("updated-01").at("last_update") ==
          Json{{"result", "updated"}, {"at", "2024-12-01T03:12:40+07:00"}, {"from_version", "0.1.0-1"},
               {"to_version", "0.2.0-1"}, {"message", "bangvang 0.2.0-1 is running (ready)"}, {"went_wrong", false}});
    CHECK(kiosks.at("rolled-back-01").at("last_update").at("result") == "rolled_back");
    CHECK(kiosks.at("rolled-back-01").at("last_update").at("went_wrong") == true);
    CHECK(kiosks.at("damaged-01").at("last_update").at("result") == "unreadable");

    const std::string html = fleet_html(view);
    const auto card = [&](const std::string& kiosk_id) {
        const std::size_t start = html.find("id=\"kiosk-" + kiosk_id + "\"");
        REQUIRE(start != std::string::npos);
        return html.substr(start, html.find("</section>", start) - start);
    };
    CHECK_THAT(card("rolled-back-01"), Catch::Contains("<dt>Đồng hồ</dt><dd class=\"clock\"><span class=\"clock-unsynchronized\">"
                                                       "Đồng hồ chưa đồng bộ</span>"));
    CHECK_THAT(card("rolled-back-01"), Catch::Contains("<dt>Cập nhật</dt><dd class=\"update\"><span class=\"update-bad\">"
                                                       "Cập nhật lỗi, đã quay về bản cũ 0.2.0-1 → 0.1.0-1, 03:25 01/12/2024</span>"
                                                       "<br><span class=\"muted\">not ready within 10 min; bangvang 0.1.0-1 reinstalled</span>"));
    CHECK_THAT(card("updated-01"), Catch::Contains("<dd class=\"clock\">đã đồng bộ</dd>"));
    CHECK_THAT(card("updated-01"), Catch::Contains("<span class=\"update-good\">Đã cập nhật 0.1.0-1 → 0.2.0-1, 03:12 01/12/2024</span>"));
    CHECK_THAT(card("older-01"), Catch::Contains("<dd class=\"clock\"><span class=\"muted\">máy không báo</span></dd>"));
    CHECK_THAT(card("older-01"), Catch::Contains("chưa cập nhật tự động lần nào"));
    CHECK_THAT(card("damaged-01"), Catch::Contains("<span class=\"update-unknown\">Không đọc được bản ghi cập nhật</span>"));
    CHECK_THAT(html, Catch::Contains("<span class=\"warning-badge\" id=\"clock-count\">1 đồng hồ chưa đồng bộ</span>"));
    CHECK_THAT(html, Catch::Contains("<span class=\"bad-badge\" id=\"update-count\">1 cập nhật lỗi</span>"));
    // Amber and red, as the rest of the page.
    CHECK_THAT(html, Catch::Contains(".clock-unsynchronized, .update-unknown { color: #b45309;"));
    CHECK_THAT(html, Catch::Contains(".update-bad { color: #c5221f;"));
}
