// The real `bangvang` binary, run headless on a feed built by the real
// `bangvang-publish` from the bundled sample content.
#include <catch2/catch.hpp>

#include "kiosk_binary_support.hpp"
#include "sync/fault_server.hpp"

using namespace bangvang::kiosk::testing;
using bangvang::testing::ScratchDirectory;

TEST_CASE("the kiosk plays the sample feed headless, one PNG per slide", "[kiosk][integration]") {
    ScratchDirectory scratch("kiosk-sample");
    build_sample_feed(scratch.path() / "feed", scratch.path());
    write_file(scratch.path() / "kiosk.json", config_json(R"({"id": "quan-thanh-xuan", "url": "feed"})"));

    auto run = run_kiosk(scratch.path());
    INFO(run.standard_error);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.standard_error, Catch::Contains("applied version"));

    auto files = lines_of(run.standard_output);
    // 8 stories, 2 standings, an honour roll of two pages, 3 announcements, 4 commemorations.
    CHECK(files.size() >= 20);
    for (const auto& file : files) {
        INFO(file);
        auto size = png_size(file);
        CHECK(size.width == 1280);
        CHECK(size.height == 720);
    }
    CHECK_THAT(run.standard_output, Catch::Contains("-p2.png"));

    SECTION("a second start finds the feed unchanged and plays from the cache") {
        auto again = run_kiosk(scratch.path());
        CHECK(again.exit_code == 0);
        CHECK_THAT(again.standard_error, Catch::Contains("unchanged"));
        CHECK(lines_of(again.standard_output).size() == files.size());
    }
    SECTION("with the feed gone the kiosk logs why and keeps playing its cache") {
        std::filesystem::remove_all(scratch.path() / "feed");
        auto offline = run_kiosk(scratch.path());
        CHECK(offline.exit_code == 0);
        CHECK_THAT(offline.standard_error, Catch::Contains("quan-thanh-xuan"));
        CHECK_THAT(offline.standard_error, Catch::Contains("still playing version"));
        CHECK(lines_of(offline.standard_output).size() == files.size());
    }
    SECTION("portrait screens get portrait slides") {
        write_file(scratch.path() / "kiosk.json",
                   config_json(R"({"id": "quan-thanh-xuan", "url": "feed"})", "portrait"));
        auto portrait = run_kiosk(scratch.path());
        REQUIRE(portrait.exit_code == 0);
        auto first = lines_of(portrait.standard_output).at(0);
        CHECK(png_size(first).width == 720);
        CHECK(png_size(first).height == 1280);
    }
}

TEST_CASE("with nothing cached the kiosk shows the waiting slide, never a black screen", "[kiosk][integration]") {
    ScratchDirectory scratch("kiosk-empty");
    write_file(scratch.path() / "kiosk.json", config_json(""));
    auto run = run_kiosk(scratch.path());
    INFO(run.standard_error);
    REQUIRE(run.exit_code == 0);
    auto files = lines_of(run.standard_output);
    REQUIRE(files.size() == 1);
    CHECK_THAT(files[0], Catch::EndsWith("001-waiting.png"));
    CHECK(png_size(files[0]).width == 1280);
}

TEST_CASE("a broken source is logged by name and the good one still plays", "[kiosk][integration]") {
    ScratchDirectory scratch("kiosk-broken");
    build_sample_feed(scratch.path() / "feed", scratch.path());
    write_file(scratch.path() / "broken/manifest.json", R"({"format": "bangvang.feed/1", "items": [)");
    write_file(scratch.path() / "kiosk.json",
               config_json(R"({"id": "phuong-hong", "url": "broken"}, {"id": "quan-thanh-xuan", "url": "feed"})"));
    auto run = run_kiosk(scratch.path());
    INFO(run.standard_error);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.standard_error, Catch::Contains("source phuong-hong"));
    CHECK_THAT(run.standard_error, Catch::Contains("manifest.json"));
    CHECK(lines_of(run.standard_output).size() >= 20);
}

TEST_CASE("a config with a mistake stops the kiosk with one clear line", "[kiosk][integration]") {
    ScratchDirectory scratch("kiosk-bad-config");
    write_file(scratch.path() / "kiosk.json", R"({"kiosk_id": "k", "site": "s"})");
    auto run = run_kiosk(scratch.path());
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.standard_error, Catch::Contains("kiosk.json"));
    CHECK_THAT(run.standard_error, Catch::Contains("cache_directory"));
    CHECK_THAT(run.standard_error, Catch::Contains("missing"));
}

TEST_CASE("a source with an empty id stops the kiosk at start naming the field (#12)", "[kiosk][integration]") {
    ScratchDirectory scratch("kiosk-empty-source-id");
    write_file(scratch.path() / "kiosk.json", config_json(R"({"id": "", "url": "feed"})"));
    auto run = run_kiosk(scratch.path());
    INFO(run.standard_error);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.standard_error, Catch::Contains("kiosk.json"));
    CHECK_THAT(run.standard_error, Catch::Contains("sources[0].id"));
    CHECK_THAT(run.standard_error, Catch::Contains("is empty"));
    // Nothing was played: no waiting slide, no PNG.
    CHECK(lines_of(run.standard_output).empty());
}

TEST_CASE("the windowed player crossfades through one rotation and stops with --once", "[kiosk][integration]") {
    ScratchDirectory scratch("kiosk-windowed");
    build_short_feed(scratch.path());
    // The offscreen video driver gives a real window and event loop with no display.
    auto run = run_process("SDL_VIDEODRIVER=offscreen " + shell_quote(kiosk_binary) + " --config " +
                               shell_quote((scratch.path() / "kiosk.json").string()) + " --windowed --once",
                           scratch.path() / "run");
    INFO(run.standard_error);
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.standard_error, Catch::Contains("applied version"));
}

TEST_CASE("SIGTERM ends the windowed player cleanly", "[kiosk][integration]") {
    ScratchDirectory scratch("kiosk-sigterm");
    build_short_feed(scratch.path());
    auto run = run_process("SDL_VIDEODRIVER=offscreen " + shell_quote(kiosk_binary) + " --config " +
                               shell_quote((scratch.path() / "kiosk.json").string()) +
                               " --windowed & player=$!; sleep 2; kill -TERM $player; wait $player",
                           scratch.path() / "run");
    INFO(run.standard_error);
    CHECK(run.exit_code == 0);
}

TEST_CASE("an unsigned or foreign-signed feed folder is refused with the reason", "[kiosk][integration][sync]") {
    ScratchDirectory scratch("kiosk-unsigned");
    build_sample_feed(scratch.path() / "feed", scratch.path());
    SECTION("no signature") {
        std::filesystem::remove(scratch.path() / "feed/manifest.json.sig");
    }
    SECTION("signed by another key") {
        const auto stranger = bangvang::sync::generate_secret_key();
        write_file(scratch.path() / "feed/manifest.json.sig",
                   bangvang::sync::sign_manifest(read_file(scratch.path() / "feed/manifest.json"), {stranger}));
    }
    write_file(scratch.path() / "kiosk.json", config_json(R"({"id": "quan-thanh-xuan", "url": "feed"})"));
    auto run = run_kiosk(scratch.path());
    INFO(run.standard_error);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.standard_error, Catch::Contains("manifest.json.sig"));
    CHECK_THAT(run.standard_error, Catch::Contains("nothing cached for it yet"));
    CHECK(lines_of(run.standard_output).size() == 1);  // the waiting slide
}

TEST_CASE("the kiosk syncs an HTTP source on its worker thread before a headless run", "[kiosk][integration][sync]") {
    ScratchDirectory scratch("kiosk-http");
    bangvang::sync::testing::FaultServer server(scratch.path() / "server");
    build_sample_feed(server.root(), scratch.path());
    write_file(scratch.path() / "kiosk.json",
               config_json(R"({"id": "quan-thanh-xuan", "url": ")" + server.url() + R"("})"));
    auto run = run_kiosk(scratch.path());
    INFO(run.standard_error);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.standard_error, Catch::Contains("sync quan-thanh-xuan: applied version"));
    CHECK(lines_of(run.standard_output).size() >= 20);
    CHECK_THAT(server.request_log(), Catch::Contains("(test-kiosk-07)"));

    SECTION("a second start polls conditionally (validators kept in the cache), finds it unchanged, and plays the cache") {
        CHECK_THAT(server.request_log(), !Catch::Contains("(test-kiosk-07) \""));  // no If-None-Match yet
        auto again = run_kiosk(scratch.path());
        INFO(again.standard_error);
        CHECK(again.exit_code == 0);
        CHECK_THAT(again.standard_error, Catch::Contains("unchanged"));
        CHECK_THAT(server.request_log(), Catch::Contains("/manifest.json bangvang/") &&
                                             Catch::Contains("(test-kiosk-07) \""));  // If-None-Match sent
    }
    SECTION("with the server failing the kiosk says why and plays its cache") {
        server.set_fault("status500");
        auto failing = run_kiosk(scratch.path());
        INFO(failing.standard_error);
        CHECK(failing.exit_code == 0);
        CHECK_THAT(failing.standard_error, Catch::Contains("HTTP 500") && Catch::Contains("still playing version"));
        CHECK(lines_of(failing.standard_output).size() >= 20);
    }
}

TEST_CASE("the windowed player shows the waiting slide first, then its worker syncs an HTTP source", "[kiosk][integration][sync]") {
    ScratchDirectory scratch("kiosk-windowed-http");
    bangvang::sync::testing::FaultServer server(scratch.path() / "server");
    build_sample_feed(server.root(), scratch.path());
    write_file(scratch.path() / "kiosk.json",
               config_json(R"({"id": "quan-thanh-xuan", "url": ")" + server.url() + R"("})"));
    // Nothing cached: the first frame is the waiting slide, and the sync thread starts
    // after it (main.cpp); then it fetches the feed as before. Stopped once it has.
    const std::filesystem::path log = scratch.path() / "kiosk.log";
    auto run = run_process("SDL_VIDEODRIVER=offscreen " + shell_quote(kiosk_binary) + " --config " +
                               shell_quote((scratch.path() / "kiosk.json").string()) + " --windowed 2>" +
                               shell_quote(log.string()) +
                               " & player=$!; for i in $(seq 1200); do grep -q 'applied version' " +
                               shell_quote(log.string()) + " && break; sleep 0.1; done; kill -TERM $player; wait $player",
                           scratch.path() / "run");
    const std::string logged = read_file(log);
    INFO(logged);
    CHECK(run.exit_code == 0);
    const std::size_t first_frame = logged.find("first frame presented");
    const std::size_t applied = logged.find("sync quan-thanh-xuan: applied version");
    REQUIRE(first_frame != std::string::npos);
    REQUIRE(applied != std::string::npos);
    CHECK(first_frame < applied);
    CHECK_THAT(server.request_log(), Catch::Contains("/manifest.json"));
    CHECK(media_files(scratch.path() / "cache") > 0);
}

TEST_CASE("the kiosk reports: a heartbeat at its first sync, and its plays at the next start", "[kiosk][integration][sync]") {
    ScratchDirectory scratch("kiosk-reports");
    bangvang::sync::testing::FaultServer server(scratch.path() / "server");
    build_sample_feed(server.root(), scratch.path());
    write_file(scratch.path() / "kiosk.json",
               config_json(R"({"id": "quan-thanh-xuan", "report_url": ")" + server.url("reports") + R"(", "url": ")" +
                           server.url() + R"("})"));
    auto first = run_kiosk(scratch.path());
    INFO(first.standard_error);
    REQUIRE(first.exit_code == 0);
    const std::size_t slides = lines_of(first.standard_output).size();
    CHECK_THAT(first.standard_error, Catch::Contains("report quan-thanh-xuan: delivered 1 records"));
    CHECK_THAT(server.reports_received(), Catch::Contains(R"(\"heartbeats\":[{\"at\")"));

    // The plays of the first run were recorded after its sync round: the outbox kept them
    // across the restart, and the second start's first round delivers them.
    auto second = run_kiosk(scratch.path());
    INFO(second.standard_error);
    REQUIRE(second.exit_code == 0);
    CHECK_THAT(second.standard_error, Catch::Contains("report quan-thanh-xuan: delivered " + std::to_string(slides + 1) +
                                                      " records"));
    CHECK_THAT(server.reports_received(), Catch::Contains(R"(\"source\":\"quan-thanh-xuan\",\"started_at\")"));
}

TEST_CASE("with its clock unsynchronised at the image's build date the kiosk refuses no feed as expired and rolls back no version",
          "[kiosk][integration][sync]") {
    ScratchDirectory scratch("kiosk-clock");
    // Three publishes and three headless rotations: a ThreadSanitizer kiosk on a loaded
    // machine took longer than the server's default 120 s lifetime.
    bangvang::sync::testing::FaultServer server(scratch.path() / "server", 600);
    // timesyncd runs (its folder exists) but has not reached a server: no "synchronized" file.
    std::filesystem::create_directories(scratch.path() / "timesync");
    std::string config = config_json(R"({"id": "quan-thanh-xuan", "report_url": ")" + server.url("reports") +
                                     R"(", "url": ")" + server.url() + R"("})");
    config.insert(1, R"("clock_synchronized_file": "timesync/synchronized", )");
    write_file(scratch.path() / "kiosk.json", config);
    // Published in 2019 and expired by the clock's own reading (01/01/2020, the build date).
    const auto publish = [&](int version, const std::string& expires_at) {
        std::filesystem::remove_all(server.root());
        auto built = run_process(shell_quote(publish_binary) + " build --no-text-check " +
                                     shell_quote((source_directory / "content/sample").string()) + " --out " +
                                     shell_quote(server.root().string()) + " --version " + std::to_string(version) +
                                     " --issued-at 2019-06-01T08:00:00+07:00 --expires-at " + expires_at,
                                 scratch.path() / "publish");
        INFO(built.standard_error);
        REQUIRE(built.exit_code == 0);
        sign_feed(server.root());
    };
    const std::string build_date = " --now 2020-01-01T08:00:00+07:00";

    publish(5, "2019-12-01T08:00:00+07:00");
    auto first = run_kiosk(scratch.path(), build_date);
    INFO(first.standard_error);
    REQUIRE(first.exit_code == 0);
    CHECK_THAT(first.standard_error, Catch::Contains("sync quan-thanh-xuan: applied version 5"));
    CHECK_THAT(first.standard_error, !Catch::Contains("expired"));
    CHECK_THAT(server.reports_received(), Catch::Contains(R"(\"clock_synchronized\":false)"));

    // An older signed version is still a rollback, whatever the clock says.
    publish(4, "2030-01-01T08:00:00+07:00");
    auto older = run_kiosk(scratch.path(), build_date);
    INFO(older.standard_error);
    REQUIRE(older.exit_code == 0);
    CHECK_THAT(older.standard_error, Catch::Contains("rollback refused; keeping version 5"));

    // Once timesyncd vouches for the clock, expiry counts again.
    write_file(scratch.path() / "timesync/synchronized", "");
    publish(6, "2019-12-01T08:00:00+07:00");
    auto synchronised = run_kiosk(scratch.path(), build_date);
    INFO(synchronised.standard_error);
    REQUIRE(synchronised.exit_code == 0);
    CHECK_THAT(synchronised.standard_error, Catch::Contains("the manifest expired at") &&
                                                Catch::Contains("refused; keeping version 5"));
    CHECK_THAT(server.reports_received(), Catch::Contains(R"(\"clock_synchronized\":true)"));
}
