// What the status overlay is given: sources in config order with what the start-up
// load said about them, the cache's bytes on disk, and the process's memory.
#include <catch2/catch.hpp>

#include "kiosk/content_loader.hpp"
#include "kiosk/status_report.hpp"
#include "support/process.hpp"

using namespace bangvang;
using bangvang::testing::ScratchDirectory;
using bangvang::testing::write_file;

TEST_CASE("the status report names each source and why it failed", "[kiosk][status]") {
    ScratchDirectory scratch("status-report");
    write_file(scratch.path() / "broken/manifest.json", R"({"format": "bangvang.feed/1", "items": [)");
    auto config = kiosk::parse_kiosk_config(R"({"kiosk_id": "k-07", "site": "phuong-nhan-chinh",
        "place_name": "UBND phường Nhân Chính", "cache_directory": "cache",
        "sources": [{"id": "phuong-hong", "url": "broken", "keys": ["xmohhM3vsTFU5jnLUS7jWX5/NB0W25IIg1mSvaRjutY="]}]})",
                                            "kiosk.json", scratch.path());
    REQUIRE(config.ok());
    std::filesystem::create_directories(config->cache_directory / "media");
    store::ContentCache cache(config->cache_directory / "content.sqlite3", config->cache_directory / "media");
    write_file(config->cache_directory / "media/one", std::string(3000, 'x'));
    write_file(config->cache_directory / "media/two", std::string(1000, 'y'));

    const core::UnixSeconds now = 1732496700;
    kiosk::LoadSummary loaded = kiosk::load_sources(*config, cache, now);
    kiosk::StatusReporter reporter(*config, cache, nullptr, loaded.statuses);
    render::StatusOverlayData data = reporter.collect(
        now, kiosk::PlayerFigures{.playable_items = 0, .texture_bytes = 5, .texture_budget_bytes = 10});

    CHECK(data.kiosk_id == "k-07");
    CHECK(data.place_name == "UBND phường Nhân Chính");
    CHECK(data.now == now);
    CHECK(data.texture_budget_bytes == 10);
    REQUIRE(data.sources.size() == 1);
    const render::StatusSourceLine& source = data.sources[0];
    CHECK(source.id == "phuong-hong");
    CHECK_FALSE(source.remote);
    CHECK(source.version == 0);
    CHECK(source.last_attempt == now);
    CHECK_FALSE(source.last_success);
    CHECK_THAT(source.last_error, Catch::Contains("manifest.json"));
    CHECK(data.media_files == 2);
    CHECK(data.media_bytes == 4000);
    CHECK(data.database_bytes > 0);
    // A test program holds at least a few megabytes: the figure is read, not made up.
    CHECK(data.resident_bytes > (1u << 20));
    CHECK(data.resident_bytes == Approx(double(kiosk::resident_set_bytes())).epsilon(0.5));
}

TEST_CASE("an unreadable media folder counts as empty", "[kiosk][status]") {
    const kiosk::FolderUse use = kiosk::folder_use("/nonexistent/bangvang/media");
    CHECK(use.bytes == 0);
    CHECK(use.files == 0);
}
