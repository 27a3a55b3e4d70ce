// Receiving reports (portal/report_receiver.hpp) on a real SQLite file: only an enrolled
// kiosk's own signature is taken, a replay or a stale timestamp is refused, each kind
// of bad body is refused with nothing stored, and a report re-sent after a lost
// acknowledgement counts nothing twice.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "portal/portal_database.hpp"
#include "portal/report_receiver.hpp"
#include "portal_test_support.hpp"
#include "support/process.hpp"

using namespace bangvang;
using namespace bangvang::portal;
using namespace bangvang::portal::testing;
using bangvang::testing::ScratchDirectory;

namespace {

const std::int64_t now_ms = test_now * 1000;
const ReceiveSettings settings{.clock_tolerance_seconds = 300};

struct Totals {
    std::int64_t plays = 0;
    std::int64_t milliseconds = 0;
};

Totals totals(const PortalDatabase& database) {
    Totals sum;
    for (const PlayTotal& total : database.play_totals({2000, 1, 1}, {2100, 1, 1})) {
        sum.plays += total.plays;
        sum.milliseconds += total.duration_milliseconds;
    }
    return sum;
}

ReceiveAnswer send(PortalDatabase& database, const KioskRegistry& registry, const TestKiosk& signer, const std::string& body,
                   std::int64_t timestamp = now_ms) {
    return receive_report(body, signature_value(signer, timestamp, body), registry, database, settings, now_ms);
}

}  // namespace

TEST_CASE("an enrolled kiosk's signed report is stored and acknowledged", "[portal][receive]") {
    ScratchDirectory scratch("portal-receive");
    PortalDatabase database(scratch.path() / "portal.sqlite3");
    const TestKiosk kiosk = make_kiosk("nhan-chinh-01", "phuong-nhan-chinh");
    const KioskRegistry registry = registry_of({kiosk});
    const std::string body = report_body(kiosk, {{"story-a", test_now - 60, 15'000}, {"story-b", test_now - 30, 12'000}},
                                         {{"story-a", "2024-11-20", 240, 3'600'000}}, test_now);
    const ReceiveAnswer answer = send(database, registry, kiosk, body);
    CHECK(answer.status == 200);
    CHECK(answer.refusal_reason.empty());
    const nlohmann::json stored = nlohmann::json::parse(answer.body).at("stored");
    CHECK(stored.at("plays") == 2);
    CHECK(stored.at("play_counts") == 1);
    CHECK(stored.at("heartbeats") == 1);
    CHECK(totals(database).plays == 242);
    CHECK(totals(database).milliseconds == 3'627'000);
    const std::vector<KioskState> states = database.kiosk_states();
    REQUIRE(states.size() == 1);
    CHECK(states[0].program_version == "0.1.0");
    CHECK(states[0].free_disk_bytes == 5'120'004'096);
    REQUIRE(states[0].sources.size() == 1);
    CHECK(states[0].sources[0].version == 7);
}

TEST_CASE("a report re-sent after a lost acknowledgement counts nothing twice", "[portal][receive]") {
    ScratchDirectory scratch("portal-idempotent");
    PortalDatabase database(scratch.path() / "portal.sqlite3");
    const TestKiosk kiosk = make_kiosk("nhan-chinh-01", "phuong-nhan-chinh");
    const KioskRegistry registry = registry_of({kiosk});
    const std::string first = report_body(kiosk, {{"story-a", test_now - 60}}, {{"story-a", "2024-11-20", 240, 3'600'000}});
    REQUIRE(send(database, registry, kiosk, first, now_ms).status == 200);
    // The kiosk never heard the 200: it signs the same records again (a new timestamp),
    // with one more play that happened meanwhile.
    const std::string again =
        report_body(kiosk, {{"story-a", test_now - 60}, {"story-a", test_now - 10}}, {{"story-a", "2024-11-20", 240, 3'600'000}});
    const ReceiveAnswer answer = send(database, registry, kiosk, again, now_ms + 1);
    REQUIRE(answer.status == 200);
    const nlohmann::json stored = nlohmann::json::parse(answer.body).at("stored");
    CHECK(stored.at("plays") == 1);
    CHECK(stored.at("repeated_plays") == 1);
    CHECK(stored.at("play_counts") == 0);
    CHECK(stored.at("repeated_play_counts") == 1);
    CHECK(totals(database).plays == 242);
}

TEST_CASE("reports that are not a real kiosk's are refused with 401 and counted", "[portal][receive]") {
    ScratchDirectory scratch("portal-refuse");
    PortalDatabase database(scratch.path() / "portal.sqlite3");
    const TestKiosk kiosk = make_kiosk("nhan-chinh-01", "phuong-nhan-chinh");
    const TestKiosk stranger = make_kiosk("la-01", "phuong-la");
    const TestKiosk impostor{.kiosk_id = "nhan-chinh-01", .site = "x", .place = "", .key = sync::generate_secret_key()};
    const KioskRegistry registry = registry_of({kiosk});
    const std::string body = report_body(kiosk, {{"story-a", test_now - 60}});

    SECTION("unsigned") {
        const ReceiveAnswer answer = receive_report(body, std::nullopt, registry, database, settings, now_ms);
        CHECK(answer.status == 401);
        CHECK(answer.refusal_reason == "unsigned");
    }
    SECTION("malformed signature header") {
        const ReceiveAnswer answer = receive_report(body, "kiosk=nhan-chinh-01", registry, database, settings, now_ms);
        CHECK(answer.status == 401);
        CHECK(answer.refusal_reason == "malformed-signature");
    }
    SECTION("unknown kiosk") {
        const ReceiveAnswer answer = send(database, registry, stranger, report_body(stranger, {{"story-a", test_now - 60}}));
        CHECK(answer.status == 401);
        CHECK(answer.refusal_reason == "unknown-kiosk");
        CHECK_THAT(answer.body, Catch::Contains("la-01"));
    }
    SECTION("another key") {
        const ReceiveAnswer answer = send(database, registry, impostor, body);
        CHECK(answer.status == 401);
        CHECK(answer.refusal_reason == "bad-signature");
    }
    SECTION("a body changed after signing") {
        std::string changed = body;
        changed.replace(changed.find("15000"), 5, "99000");
        const ReceiveAnswer answer =
            receive_report(changed, signature_value(kiosk, now_ms, body), registry, database, settings, now_ms);
        CHECK(answer.status == 401);
        CHECK(answer.refusal_reason == "bad-signature");
    }
    SECTION("a stale timestamp") {
        const ReceiveAnswer answer = send(database, registry, kiosk, body, now_ms - 301'000);
        CHECK(answer.status == 401);
        CHECK(answer.refusal_reason == "stale-timestamp");
    }
    SECTION("a body naming another kiosk, signed by an enrolled one") {
        const TestKiosk other = make_kiosk("la-01", "phuong-la");
        const ReceiveAnswer answer = send(database, registry_of({kiosk, other}), kiosk, report_body(other, {{"story-a", test_now - 60}}));
        CHECK(answer.status == 401);
        CHECK(answer.refusal_reason == "kiosk-mismatch");
    }
    CHECK(totals(database).plays == 0);
    CHECK(database.kiosk_states().empty());
}

TEST_CASE("a replayed request is refused with 409 and stores nothing", "[portal][receive]") {
    ScratchDirectory scratch("portal-replay");
    PortalDatabase database(scratch.path() / "portal.sqlite3");
    const TestKiosk kiosk = make_kiosk("nhan-chinh-01", "phuong-nhan-chinh");
    const KioskRegistry registry = registry_of({kiosk});
    const std::string body = report_body(kiosk, {{"story-a", test_now - 60}}, {{"story-a", "2024-11-20", 10, 150'000}});
    REQUIRE(send(database, registry, kiosk, body).status == 200);
    const ReceiveAnswer replay = send(database, registry, kiosk, body);
    CHECK(replay.status == 409);
    CHECK(replay.refusal_reason == "replayed");
    CHECK(totals(database).plays == 11);
}

TEST_CASE("bodies no kiosk sends are refused with 4xx and store nothing", "[portal][receive]") {
    ScratchDirectory scratch("portal-bad-bodies");
    PortalDatabase database(scratch.path() / "portal.sqlite3");
    const TestKiosk kiosk = make_kiosk("nhan-chinh-01", "phuong-nhan-chinh");
    const KioskRegistry registry = registry_of({kiosk});
    const auto refused = [&](const std::string& body) { return send(database, registry, kiosk, body); };

    SECTION("malformed JSON") {
        const ReceiveAnswer answer = refused("{\"format\": \"bangvang.report/1\", ");
        CHECK(answer.status == 400);
        CHECK(answer.refusal_reason == "invalid-report");
    }
    SECTION("wrong format") {
        std::string body = report_body(kiosk, {{"story-a", test_now - 60}});
        body.replace(body.find("report/1"), 8, "report/9");
        const ReceiveAnswer answer = refused(body);
        CHECK(answer.status == 400);
        CHECK_THAT(answer.body, Catch::Contains("format"));
    }
    SECTION("a billion plays") {
        const ReceiveAnswer answer = refused(report_body(kiosk, {}, {{"story-a", "2024-11-20", 1'000'000'000, 1000}}));
        CHECK(answer.status == 400);
        CHECK_THAT(answer.body, Catch::Contains("play_counts[0].plays"));
    }
    SECTION("plays in the future") {
        const ReceiveAnswer answer = refused(report_body(kiosk, {{"story-a", test_now - 60}, {"story-b", test_now + 3600}}));
        CHECK(answer.status == 422);
        CHECK_THAT(answer.body, Catch::Contains("plays[1].started_at"));
    }
    SECTION("a per-day count of a day still to come") {
        const ReceiveAnswer answer = refused(report_body(kiosk, {}, {{"story-a", "2024-12-05", 3, 45'000}}));
        CHECK(answer.status == 422);
    }
    CHECK(totals(database).plays == 0);
    CHECK(database.kiosk_states().empty());
}

TEST_CASE("single plays become daily counts after the configured age, with the same totals", "[portal][receive]") {
    ScratchDirectory scratch("portal-roll-up");
    PortalDatabase database(scratch.path() / "portal.sqlite3");
    const TestKiosk kiosk = make_kiosk("nhan-chinh-01", "phuong-nhan-chinh");
    const KioskRegistry registry = registry_of({kiosk});
    std::vector<PlaySpec> plays;
    for (int index = 0; index < 50; ++index) plays.push_back({"story-a", test_now - 86'400 + index * 60, 10'000 + index});
    REQUIRE(send(database, registry, kiosk, report_body(kiosk, plays)).status == 200);
    const Totals before = totals(database);
    CHECK(database.roll_up(test_now + 10 * 86'400, 35) == 0);
    CHECK(database.roll_up(test_now + 36 * 86'400, 35) == 50);
    const Totals after = totals(database);
    CHECK(after.plays == before.plays);
    CHECK(after.milliseconds == before.milliseconds);
    const std::vector<PlayTotal> rows = database.play_totals({2024, 11, 30}, {2024, 11, 30});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].site == "phuong-nhan-chinh");
}
