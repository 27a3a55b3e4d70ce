// The portal's database file across versions (portal/portal_schema.hpp): a file made by
// the first bangvang-portal (tests/portal/fixtures/first-schema.sql, dumped from real
// reports) is upgraded in place when opened, and keeps every count, heartbeat and
// refusal, and its memory of plays, folded counts and signatures already taken.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "portal/portal_database.hpp"
#include "portal/portal_schema.hpp"
#include "store/sqlite_handle.hpp"
#include "support/process.hpp"
#include "support/build_paths.hpp"

using namespace bangvang;
using namespace bangvang::portal;
using bangvang::testing::ScratchDirectory;

namespace {

using TotalKey = std::tuple<std::string, std::string, std::string, std::string>;  // source, item, site, kiosk
using Totals = std::map<TotalKey, std::pair<std::int64_t, std::int64_t>>;           // plays, milliseconds

std::filesystem::path first_schema_database(const ScratchDirectory& scratch) {
    std::ifstream dump(std::filesystem::path(bangvang::testing::paths::checkout) / "tests/portal/fixtures/first-schema.sql");
    REQUIRE(dump);
    std::stringstream sql;
    sql << dump.rdbuf();
    const std::filesystem::path file = scratch.path() / "portal.sqlite3";
    const store::DatabasePtr database = store::open_database(file);
    store::execute(database.get(), sql.str());
    return file;
}

// Read with the first schema's own SQL, before the upgrade.
Totals old_totals(const std::filesystem::path& file) {
    const store::DatabasePtr database = store::open_database(file);
    Totals totals;
    store::Statement rows(database.get(), R"sql(
        SELECT source_id, item_id, site, kiosk_id, count(*), sum(duration_ms) FROM plays GROUP BY 1, 2, 3, 4
        UNION ALL
        SELECT source_id, item_id, site, kiosk_id, sum(plays), sum(duration_ms) FROM daily_counts GROUP BY 1, 2, 3, 4)sql");
    while (rows.step()) {
        auto& total = totals[{rows.text(0), rows.text(1), rows.text(2), rows.text(3)}];
        total.first += rows.integer(4);
        total.second += rows.integer(5);
    }
    return totals;
}

Totals new_totals(const PortalDatabase& database, core::CivilDate from = {2000, 1, 1}, core::CivilDate to = {2100, 1, 1}) {
    Totals totals;
    for (const PlayTotal& total : database.play_totals(from, to)) {
        auto& sum = totals[{total.source_id, total.item_id, total.site, total.kiosk_id}];
        sum.first += total.plays;
        sum.second += total.duration_milliseconds;
    }
    return totals;
}

std::int64_t plays_of(const Totals& totals) {
    std::int64_t plays = 0;
    for (const auto& [key, total] : totals) plays += total.first;
    return plays;
}

const int latest_version = portal_schema_steps().back().version;

}  // namespace

TEST_CASE("a database of the first portal schema is upgraded in place with nothing lost", "[portal][schema]") {
    ScratchDirectory scratch("portal-schema");
    const std::filesystem::path file = first_schema_database(scratch);
    const Totals before = old_totals(file);
    // The fixture: 4 raw plays, 5 daily-count rows (7 plays rolled up, 2 folded counts).
    CHECK(plays_of(before) == 4 + 240 + 10 + 1 + 1 + 5);
    CHECK(before.at({"quan-thanh-xuan", "story-a", "phuong-nhan-chinh", "nhan-chinh-01"}) ==
          std::pair<std::int64_t, std::int64_t>{240 + 5 + 3, 3'600'000 + 75'010 + 45'000});

    PortalDatabase database(file);
    CHECK(database.opened_schema_version() == 0);
    CHECK(database.schema_version() == latest_version);
    CHECK(new_totals(database) == before);
    // Per day: the raw plays of 2026-12-02 (local) and the rolled-up day 2025-11-24.
    CHECK(plays_of(new_totals(database, {2026, 12, 2}, {2026, 12, 2})) == 4);
    CHECK(plays_of(new_totals(database, {2025, 11, 24}, {2025, 11, 24})) == 7);

    const std::vector<KioskState> states = database.kiosk_states();
    REQUIRE(states.size() == 2);
    CHECK(states[0].kiosk_id == "khuong-mai-01");
    CHECK(states[1].kiosk_id == "nhan-chinh-01");
    CHECK(states[1].heartbeat_at == 1'796'179'478);
    CHECK(states[1].free_disk_bytes == 5'120'004'096);
    REQUIRE(states[1].sources.size() == 1);
    CHECK(states[1].sources[0].version == 7);
    CHECK(database.refusals() == std::map<std::string, std::int64_t>{{"unsigned", 1}});

    SECTION("a play and a folded count it already had are still recognised when sent again") {
        core::Report again;
        again.kiosk_id = "nhan-chinh-01";
        again.plays.push_back(core::ReportedPlay{.item_id = "story-a", .source_id = "quan-thanh-xuan",
                                                 .started_at = 1'796'175'998, .duration_milliseconds = 15'000});
        again.play_counts.push_back(core::ReportedPlayCount{.item_id = "thong-bao-b", .source_id = "phuong-khuong-mai",
                                                            .day = {2025, 11, 21}, .plays = 10, .duration_milliseconds = 150'000});
        const StoredFigures stored = database.store_report(
            again, ReportOrigin{.kiosk_id = "nhan-chinh-01", .site = "phuong-nhan-chinh",
                                .signature_milliseconds = 1'796'179'600'000, .received_at = 1'796'179'600});
        CHECK_FALSE(stored.replayed);
        CHECK(stored.new_plays == 0);
        CHECK(stored.repeated_plays == 1);
        CHECK(stored.new_counts == 0);
        CHECK(stored.repeated_counts == 1);
        CHECK(new_totals(database) == before);
    }
    SECTION("a signature it had taken is still a replay") {
        const StoredFigures stored = database.store_report(
            core::Report{}, ReportOrigin{.kiosk_id = "khuong-mai-01", .site = "phuong-khuong-mai",
                                         .signature_milliseconds = 1'796'179'538'005, .received_at = 1'796'179'600});
        CHECK(stored.replayed);
    }
    SECTION("its raw plays roll up like new ones, with the same totals") {
        CHECK(database.roll_up(1'796'179'539 + 2 * 86'400, 1) == 4);
        CHECK(new_totals(database) == before);
        CHECK(plays_of(new_totals(database, {2026, 12, 2}, {2026, 12, 2})) == 4);
    }
    SECTION("opened again, it is not upgraded twice") {
        PortalDatabase reopened(file);
        CHECK(reopened.opened_schema_version() == latest_version);
        CHECK(new_totals(reopened) == before);
    }
}

TEST_CASE("a database from a newer bangvang-portal is refused, not touched", "[portal][schema]") {
    ScratchDirectory scratch("portal-schema-newer");
    const std::filesystem::path file = scratch.path() / "portal.sqlite3";
    {
        const store::DatabasePtr database = store::open_database(file);
        store::execute(database.get(), "PRAGMA user_version = " + std::to_string(latest_version + 1));
    }
    CHECK_THROWS_WITH(PortalDatabase(file), Catch::Contains("newer than this bangvang understands"));
}
