// Field hardening of sync (issue #10): the real kiosk binary against a local feed server
// when media files vanish from the cache, when the wall clock jumps back, and when the
// cache's disk is too small for the next version.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "kiosk_binary_support.hpp"
#include "sync/fault_server.hpp"
#include "sync/sync_test_support.hpp"
#include "support/build_paths.hpp"

using namespace bangvang::kiosk::testing;
using bangvang::sync::testing::FaultServer;
using bangvang::testing::ScratchDirectory;

namespace {

std::string http_source(const FaultServer& server) {
    return R"({"id": "quan-thanh-xuan", "url": ")" + server.url() + R"("})";
}

// A windowed kiosk (offscreen driver) started in the background of a shell command;
// `then` runs while it plays, after which it gets SIGTERM.
std::string windowed_kiosk_while(const std::filesystem::path& directory, const std::string& then,
                                 const std::string& environment = "") {
    return environment + " SDL_VIDEODRIVER=offscreen " + shell_quote(kiosk_binary) + " --config " +
           shell_quote((directory / "kiosk.json").string()) + " --windowed & kiosk=$!; " + then +
           "; kill -TERM $kiosk; wait $kiosk";
}

}  // namespace

TEST_CASE("media files deleted from the cache are fetched again though the feed is unchanged",
          "[kiosk][integration][sync]") {
    ScratchDirectory scratch("kiosk-lost-media");
    FaultServer server(scratch.path() / "server");
    build_photo_feed(server.root(), scratch.path());
    write_file(scratch.path() / "kiosk.json", config_json(http_source(server)));
    auto first = run_kiosk(scratch.path());
    INFO(first.standard_error);
    REQUIRE(first.exit_code == 0);
    const std::size_t stored = media_files(scratch.path() / "cache");
    REQUIRE(stored == 3);
    const auto delete_media = "find " + shell_quote((scratch.path() / "cache/media").string()) + " -type f -delete";

    SECTION("noticed at start") {
        REQUIRE(std::system(delete_media.c_str()) == 0);
        auto again = run_kiosk(scratch.path());
        INFO(again.standard_error);
        CHECK(again.exit_code == 0);
        CHECK_THAT(again.standard_error, Catch::Contains("sync quan-thanh-xuan: version ") &&
                                             Catch::Contains(": 3 missing media files fetched again"));
        CHECK(media_files(scratch.path() / "cache") == stored);
    }
    SECTION("noticed when a slide cannot draw its photo") {
        // The first slide is on screen with its photo; the next ones find theirs gone.
        auto run = run_process(
            windowed_kiosk_while(scratch.path(), "sleep 1; " + delete_media +
                                                     "; for i in $(seq 100); do [ $(ls " +
                                                     shell_quote((scratch.path() / "cache/media").string()) +
                                                     " | wc -l) -ge 2 ] && break; sleep 0.1; done; sleep 1"),
            scratch.path() / "run-windowed");
        INFO(run.standard_error);
        CHECK(run.exit_code == 0);
        CHECK_THAT(run.standard_error, Catch::Contains("missing media files fetched again"));
        CHECK(media_files(scratch.path() / "cache") >= 2);
    }
}

TEST_CASE("a wall clock that jumps back a day does not stop polling", "[kiosk][integration][sync]") {
    const std::string faketime = bangvang::testing::paths::faketime_library;
    if (faketime.empty() || !std::filesystem::exists(faketime)) {
        WARN("libfaketime (Debian package libfaketime) is not installed: skipped");
        return;
    }
    ScratchDirectory scratch("kiosk-clock-jump");
    FaultServer server(scratch.path() / "server");
    build_photo_feed(server.root(), scratch.path());
    write_file(scratch.path() / "kiosk.json",
               config_json(http_source(server), "landscape", R"(, "sync": {"interval_seconds": 5})"));
    // libfaketime moves the wall clock only (CLOCK_REALTIME); the monotonic clock runs on.
    const auto offset_file = scratch.path() / "faketime";
    write_file(offset_file, "+0\n");
    // A kiosk built with AddressSanitizer refuses to start when a preloaded library comes
    // before its runtime, unless told that this one is meant (./run.sh test --sanitize).
    const char* asan_options = std::getenv("ASAN_OPTIONS");
    const std::string environment =
        "LD_PRELOAD=" + shell_quote(faketime) + " FAKETIME_TIMESTAMP_FILE=" + shell_quote(offset_file.string()) +
        " FAKETIME_NO_CACHE=1 FAKETIME_DONT_FAKE_MONOTONIC=1 ASAN_OPTIONS=" +
        shell_quote(std::string(asan_options ? asan_options : "") + ":verify_asan_link_order=0");
    auto run = run_process(windowed_kiosk_while(scratch.path(),
                                                "sleep 3; echo -1d > " + shell_quote(offset_file.string()) + "; sleep 14",
                                                environment),
                           scratch.path() / "run");
    INFO(run.standard_error);
    INFO(server.request_log());
    CHECK(run.exit_code == 0);
    // One poll at start, then every 4-6 s whatever the wall clock says: at least two more in 14 s.
    CHECK(count_of(server.request_log(), "/manifest.json bangvang/") >= 3);
}

namespace {

// A PNG of noise (it does not compress): about width x height x 3 bytes.
std::string noise_png(int width, int height, unsigned seed, const std::filesystem::path& scratch) {
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 24, SDL_PIXELFORMAT_RGB24);
    std::mt19937 random(seed);
    auto* pixels = static_cast<Uint8*>(surface->pixels);
    for (int row = 0; row < height; ++row) {
        for (int byte = 0; byte < width * 3; ++byte) pixels[row * surface->pitch + byte] = Uint8(random());
    }
    const auto file = scratch / ("noise-" + std::to_string(seed) + ".png");
    IMG_SavePNG(surface, file.c_str());
    SDL_FreeSurface(surface);
    return read_file(file);
}

}  // namespace

TEST_CASE("a cache disk too small for the next version: said once per poll, nothing downloaded, the old one plays",
          "[kiosk][integration][sync]") {
    ScratchDirectory scratch("kiosk-disk-full");
    // The kiosk runs in a user and mount namespace of its own, its cache on an 8 MB tmpfs.
    const auto cache = scratch.path() / "cache";
    std::filesystem::create_directories(cache);
    if (std::system("unshare --user --map-root-user --mount true 2>/dev/null") != 0) {
        WARN("no user namespaces here (unshare): skipped");
        return;
    }
    using namespace bangvang::sync::testing;
    FaultServer server(scratch.path() / "server");
    FeedBuilder small;
    small.expires_at = test_now + 3650 * 86400LL;
    small.issued_at = test_now;
    small.add_item_with_image("small", valid_png());
    FeedBuilder large = small;
    large.version = 2;
    large.items.clear();
    large.media.clear();
    for (unsigned index = 0; index < 3; ++index) {
        large.add_item_with_image("large-" + std::to_string(index), noise_png(1200, 1000, index, scratch.path()));
    }
    small.write_to(server.root(), {test_signing_key()});
    large.write_to(scratch.path() / "large-feed", {test_signing_key()});
    write_file(scratch.path() / "kiosk.json",
               config_json(http_source(server), "landscape", R"(, "sync": {"interval_seconds": 5})"));
    const std::string kiosk = shell_quote(kiosk_binary) + " --config " +
                              shell_quote((scratch.path() / "kiosk.json").string());
    const std::string script =
        "mount -t tmpfs -o size=8m tmpfs " + shell_quote(cache.string()) + " || exit 90; " + kiosk + " --headless " +
        shell_quote((scratch.path() / "screens-1").string()) + " --once 2>" +
        shell_quote((scratch.path() / "first.log").string()) + " || exit 91; rm -rf " +
        shell_quote(server.root().string()) + "; mv " + shell_quote((scratch.path() / "large-feed").string()) + " " +
        shell_quote(server.root().string()) + "; SDL_VIDEODRIVER=offscreen " + kiosk + " --windowed & kiosk=$!; sleep 11; " +
        "kill -TERM $kiosk; wait $kiosk";
    auto run = run_process("unshare --user --map-root-user --mount sh -c " + shell_quote(script), scratch.path() / "run");
    INFO(read_file(scratch.path() / "first.log"));
    INFO(run.standard_error);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.standard_error, Catch::Contains("sync quan-thanh-xuan: ") &&
                                       Catch::Contains("not enough space in " + cache.string() + ": need ") &&
                                       Catch::Contains(" MB free") && Catch::Contains("still playing version 1"));
    CHECK_THAT(run.standard_error, !Catch::Contains("Failed writing"));
    // None of the large version's media was even requested.
    for (const auto& [media, bytes] : large.media) CHECK_THAT(server.request_log(), !Catch::Contains(media.sha256));
    // The first poll and backed-off retries (5 s, then 10 s), not one every 5 s.
    CHECK(count_of(run.standard_error, "not enough space") <= 2);
}

TEST_CASE("SIGTERM ends the kiosk within 2 s while a server trickles its manifest", "[kiosk][integration][sync]") {
    ScratchDirectory scratch("kiosk-trickle");
    FaultServer server(scratch.path() / "server");
    build_photo_feed(server.root(), scratch.path());
    server.set_fault("trickle", {"manifest.json"});
    write_file(scratch.path() / "kiosk.json", config_json(http_source(server)));
    const std::string config = shell_quote((scratch.path() / "kiosk.json").string());
    std::string start;
    SECTION("playing in a window") {
        start = "SDL_VIDEODRIVER=offscreen " + shell_quote(kiosk_binary) + " --config " + config + " --windowed";
    }
    SECTION("headless, waiting for its first sync round") {
        start = shell_quote(kiosk_binary) + " --config " + config + " --headless " +
                shell_quote((scratch.path() / "screens").string()) + " --once";
    }
    // SIGTERM 3 s into the trickle; a guard SIGKILLs a kiosk still there 10 s later.
    const auto elapsed_file = scratch.path() / "elapsed-ms";
    auto run = run_process(start + " & kiosk=$!; sleep 3; begin=$(date +%s%N); kill -TERM $kiosk; " +
                               "( sleep 10; kill -KILL $kiosk ) 2>/dev/null & guard=$!; wait $kiosk; code=$?; " +
                               "end=$(date +%s%N); kill $guard 2>/dev/null; echo $(( (end - begin) / 1000000 )) > " +
                               shell_quote(elapsed_file.string()) + "; exit $code",
                           scratch.path() / "run");
    INFO(run.standard_error);
    const int elapsed_ms = std::stoi(read_file(elapsed_file));
    INFO("exit after SIGTERM took " << elapsed_ms << " ms");
    CHECK(run.exit_code == 0);
    CHECK(elapsed_ms < 2000);
    CHECK_THAT(server.request_log(), Catch::Contains("/manifest.json bangvang/"));
    // A normal stop: the poll it cut off is no error.
    CHECK_THAT(run.standard_error, !Catch::Contains("bangvang[error]"));
}

TEST_CASE("the first sync after an outage at start happens soon after the server returns", "[kiosk][integration][sync]") {
    ScratchDirectory scratch("kiosk-first-sync");
    FaultServer server(scratch.path() / "server");
    build_photo_feed(server.root(), scratch.path());
    server.set_fault("status500");
    write_file(scratch.path() / "kiosk.json",
               config_json(http_source(server), "landscape", R"(, "sync": {"interval_seconds": 5})"));
    // Down for 45 s after the kiosk starts: doubling from 5 s the retries would come at about
    // 0, 5, 15, 35 and 75 s; until the first success they come at least every 10 s (±20 %).
    const auto healed_file = scratch.path() / "server/control.json";
    auto run = run_process(windowed_kiosk_while(scratch.path(), "sleep 45; echo '{}' > " +
                                                                    shell_quote(healed_file.string()) + "; sleep 13"),
                           scratch.path() / "run");
    INFO(run.standard_error);
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.standard_error, Catch::Contains("HTTP 500") && Catch::Contains("sync quan-thanh-xuan: applied version"));
}

namespace {

// The sha256 names of the media a feed folder serves, sorted.
std::vector<std::string> served_media(const FaultServer& server) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(server.root() / "media")) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("error lines name the URL that was fetched", "[kiosk][integration][sync]") {
    ScratchDirectory scratch("kiosk-error-urls");
    FaultServer server(scratch.path() / "server");
    build_photo_feed(server.root(), scratch.path());
    write_file(scratch.path() / "kiosk.json", config_json(http_source(server)));
    SECTION("a signature that does not verify") {
        write_file(server.root() / "manifest.json.sig", "not a signature\n");
        auto run = run_kiosk(scratch.path());
        INFO(run.standard_error);
        CHECK(run.exit_code == 0);
        CHECK_THAT(run.standard_error, Catch::Contains(server.url("manifest.json.sig") + ": "));
        CHECK_THAT(run.standard_error, !Catch::Contains("manifest.json/manifest.json.sig"));
    }
    SECTION("a medium whose bytes are not the ones listed") {
        const std::string name = served_media(server).front();
        std::string bytes = read_file(server.root() / "media" / name);
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x55);
        write_file(server.root() / "media" / name, bytes);
        auto run = run_kiosk(scratch.path());
        INFO(run.standard_error);
        CHECK(run.exit_code == 0);
        CHECK_THAT(run.standard_error, Catch::Contains(server.url("media/" + name) + ": hash mismatch"));
        CHECK_THAT(run.standard_error, !Catch::Contains(".incoming-"));
    }
}

TEST_CASE("an interrupted media download resumes where it stopped", "[kiosk][integration][sync]") {
    ScratchDirectory scratch("kiosk-resume");
    FaultServer server(scratch.path() / "server");
    build_photo_feed(server.root(), scratch.path());
    write_file(scratch.path() / "kiosk.json", config_json(http_source(server)));
    const std::string name = served_media(server).front();
    const std::size_t size = std::filesystem::file_size(server.root() / "media" / name);
    server.set_fault("cut_short", {"media/" + name});  // half the file, then the connection closes
    auto cut = run_kiosk(scratch.path());
    INFO(cut.standard_error);
    REQUIRE(cut.exit_code == 0);
    CHECK_THAT(cut.standard_error, Catch::Contains(server.url("media/" + name)));
    CHECK(media_files(scratch.path() / "cache") == 2);

    server.set_fault("");
    auto resumed = run_kiosk(scratch.path());
    INFO(resumed.standard_error);
    INFO(server.request_log());
    CHECK(resumed.exit_code == 0);
    CHECK_THAT(server.request_log(), Catch::Contains("/media/" + name + " bangvang/") &&
                                         Catch::Contains(" range=bytes=" + std::to_string(size / 2) + "-"));
    CHECK(media_files(scratch.path() / "cache") == 3);
    CHECK_THAT(resumed.standard_error, Catch::Contains("applied version"));
}
