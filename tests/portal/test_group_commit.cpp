// Group commit (portal/report_writer.hpp): reports handed over while a commit runs are
// written together in the next transaction, each caller is told only once that
// transaction is committed (another connection already sees its report), and a replay
// in the batch is rolled back alone while the others stand.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <vector>

#include "portal/portal_database.hpp"
#include "portal/report_writer.hpp"
#include "store/sqlite_handle.hpp"
#include "support/process.hpp"

using namespace bangvang;
using namespace bangvang::portal;
using bangvang::testing::ScratchDirectory;

namespace {

constexpr std::int64_t signed_at = 1'733'018'400'000;

ReportToStore report_of(const std::string& kiosk_id, std::int64_t signature_milliseconds, int plays) {
    ReportToStore report;
    report.report.kiosk_id = kiosk_id;
    report.report.source_id = "quan-thanh-xuan";
    for (int index = 0; index < plays; ++index) {
        report.report.plays.push_back(core::ReportedPlay{.item_id = "story-" + std::to_string(index % 3),
                                                         .source_id = "quan-thanh-xuan",
                                                         .started_at = 1'733'010'000 + index * 15,
                                                         .duration_milliseconds = 15'000});
    }
    report.origin = ReportOrigin{.kiosk_id = kiosk_id,
                                 .site = "phuong-nhan-chinh",
                                 .signature_milliseconds = signature_milliseconds,
                                 .received_at = 1'733'018'400};
    return report;
}

// What another connection sees: is this signature stored (its report committed)?
bool committed(const std::filesystem::path& file, std::int64_t signature_milliseconds) {
    const store::DatabasePtr reader = store::open_database(file);
    store::Statement row(reader.get(), "SELECT count(*) FROM used_signatures WHERE timestamp_ms = ?1");
    row.bind(1, signature_milliseconds);
    return row.step() && row.integer(0) == 1;
}

struct Told {
    std::string kiosk_id;
    StoreOutcome outcome;
    BatchFacts batch;
    bool visible_to_another_connection = false;
};

}  // namespace

TEST_CASE("reports handed over together share one commit and each is told only after it", "[portal][group-commit]") {
    const ScratchDirectory scratch("portal-group-commit");
    const std::filesystem::path file = scratch.path() / "portal.sqlite3";
    PortalDatabase database(file);
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<Told> told;
    std::vector<std::string> counted;
    std::promise<void> first_told;
    std::promise<void> rest_handed_over;
    std::shared_future<void> rest_ready = rest_handed_over.get_future().share();
    {
        ReportWriter writer(database, [](const std::string&) {});
        const auto remember = [&](const ReportToStore& report, const StoreOutcome& outcome, const BatchFacts& batch) {
            const bool visible = committed(file, report.origin.signature_milliseconds);
            std::lock_guard lock(mutex);
            told.push_back(Told{report.origin.kiosk_id, outcome, batch, visible});
            changed.notify_all();
        };
        // The first report's answer holds the writer until the rest are queued, so they
        // all arrive while it is busy, as under load.
        writer.store(report_of("kiosk-00", signed_at, 4), [&](const ReportToStore& report, const StoreOutcome& outcome,
                                                               const BatchFacts& batch) {
            remember(report, outcome, batch);
            first_told.set_value();
            rest_ready.wait_for(std::chrono::seconds(30));
        });
        REQUIRE(first_told.get_future().wait_for(std::chrono::seconds(30)) == std::future_status::ready);
        for (int index = 1; index <= 20; ++index) {
            writer.store(report_of("kiosk-" + std::string(index < 10 ? "0" : "") + std::to_string(index), signed_at + index, 20),
                         remember);
        }
        // The same kiosk and signature time as kiosk-20's: a replay, in the same batch.
        writer.store(report_of("kiosk-20", signed_at + 20, 20), remember);
        writer.count_refusal("unknown-kiosk", [&](const std::string& failure) {
            std::lock_guard lock(mutex);
            counted.push_back(failure);
        });
        rest_handed_over.set_value();
        std::unique_lock lock(mutex);
        REQUIRE(changed.wait_for(lock, std::chrono::seconds(60), [&] { return told.size() == 22; }));
    }
    REQUIRE(told.size() == 22);
    CHECK(told[0].batch.reports == 1);
    for (std::size_t index = 0; index < told.size(); ++index) {
        INFO("report " << index << " of " << told[index].kiosk_id);
        CHECK(told[index].outcome.failure.empty());
        CHECK(told[index].visible_to_another_connection);
        if (index > 0) CHECK(told[index].batch.reports == 21);  // 20 new ones and the replay, one transaction
    }
    CHECK(told[0].outcome.figures.new_plays == 4);
    for (std::size_t index = 1; index <= 20; ++index) CHECK(told[index].outcome.figures.new_plays == 20);
    CHECK(told[21].outcome.figures.replayed);
    CHECK(told[21].outcome.figures.new_plays == 0);
    CHECK(counted == std::vector<std::string>{""});
    CHECK(database.refusals() == std::map<std::string, std::int64_t>{{"replayed", 1}, {"unknown-kiosk", 1}});
    std::int64_t plays = 0;
    for (const PlayTotal& total : database.play_totals({2024, 1, 1}, {2025, 1, 1})) plays += total.plays;
    CHECK(plays == 4 + 20 * 20);
}

TEST_CASE("a writer stopped with reports queued still writes and answers them", "[portal][group-commit]") {
    const ScratchDirectory scratch("portal-group-commit-stop");
    PortalDatabase database(scratch.path() / "portal.sqlite3");
    std::atomic<int> answered{0};
    {
        ReportWriter writer(database, [](const std::string&) {});
        for (int index = 0; index < 50; ++index) {
            writer.store(report_of("kiosk-" + std::to_string(index), signed_at + index, 2),
                         [&](const ReportToStore&, const StoreOutcome& outcome, const BatchFacts&) {
                             if (outcome.failure.empty() && !outcome.figures.replayed) answered.fetch_add(1);
                         });
        }
    }
    CHECK(answered.load() == 50);
    std::int64_t plays = 0;
    for (const PlayTotal& total : database.play_totals({2024, 1, 1}, {2025, 1, 1})) plays += total.plays;
    CHECK(plays == 100);
}
