// What outlives a damaged or deleted cache: the repair that moves a bad file aside, the
// version ledger beside it, and the folder lock.
#include <catch2/catch.hpp>

#include <fstream>

#include "store/cache_lock.hpp"
#include "store/cache_repair.hpp"
#include "store/content_cache.hpp"
#include "store/version_ledger.hpp"
#include "store_test_support.hpp"

using namespace bangvang;
using namespace bangvang::store;
using namespace bangvang::store::testing;

namespace {
void write_text(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}
}  // namespace

TEST_CASE("a sound cache is opened as it is, a damaged one moved aside and made again", "[store][repair]") {
    TemporaryDirectory folder;
    const auto database = folder / "content.sqlite3";
    CHECK_FALSE(cache_damage(database));  // none yet: nothing to repair
    {
        OpenedCache opened = open_cache_repairing(database, folder / "media");
        CHECK_FALSE(opened.repaired);
        REQUIRE(opened.cache.apply_accepted(manifest_of("quan-thanh-xuan", 5, {announcement_item("a")}, {}),
                                            at("2024-11-21T08:00:00+07:00"), 0));
    }
    CHECK_FALSE(cache_damage(database));
    write_text(database, std::string(100000, 'x'));
    REQUIRE(cache_damage(database));
    CHECK_THAT(*cache_damage(database), Catch::Contains("not a database"));

    OpenedCache opened = open_cache_repairing(database, folder / "media");
    REQUIRE(opened.repaired);
    CHECK_THAT(*opened.repaired, Catch::Contains("moved aside to content.sqlite3.damaged"));
    CHECK(std::filesystem::file_size(folder / "content.sqlite3.damaged") == 100000);
    CHECK(opened.cache.sources().empty());
    // The ledger beside it still knows version 5: nothing older gets in.
    CHECK(opened.cache.version_floor("quan-thanh-xuan") == 5);
    CHECK_FALSE(opened.cache.apply_accepted(manifest_of("quan-thanh-xuan", 4, {announcement_item("old")}, {}),
                                            at("2024-11-21T09:00:00+07:00"), 0));
    CHECK(opened.cache.apply_accepted(manifest_of("quan-thanh-xuan", 5, {announcement_item("a")}, {}),
                                      at("2024-11-21T09:00:00+07:00"), 0));
}

TEST_CASE("the version ledger only rises, and a damaged line costs only itself", "[store][repair]") {
    TemporaryDirectory folder;
    const auto ledger = folder / "accepted-versions.txt";
    CHECK(read_version_ledger(ledger)->empty());
    record_accepted_version(ledger, "quan-thanh-xuan", 7);
    record_accepted_version(ledger, "phuong-hong", 3);
    record_accepted_version(ledger, "quan-thanh-xuan", 6);  // never lowered
    CHECK(*read_version_ledger(ledger) == VersionLedger{{"phuong-hong", 3}, {"quan-thanh-xuan", 7}});

    write_text(ledger, "quan-thanh-xuan 7\nphuong-hong three\n");
    const auto damaged = read_version_ledger(ledger);
    REQUIRE_FALSE(damaged);
    CHECK_THAT(damaged.problem().message(), Catch::Contains("accepted-versions.txt:2") && Catch::Contains("damaged"));
    CHECK(readable_version_ledger(ledger) == VersionLedger{{"quan-thanh-xuan", 7}});
    record_accepted_version(ledger, "phuong-hong", 4);
    CHECK(*read_version_ledger(ledger) == VersionLedger{{"phuong-hong", 4}, {"quan-thanh-xuan", 7}});
}

TEST_CASE("one lock per cache folder", "[store][repair]") {
    TemporaryDirectory folder;
    std::optional<CacheLock> first = CacheLock::try_lock(folder / "cache");
    REQUIRE(first);
    // flock locks belong to the open file: a second open, even in this process, is refused.
    CHECK_FALSE(CacheLock::try_lock(folder / "cache"));
    first.reset();
    CHECK(CacheLock::try_lock(folder / "cache"));
}
