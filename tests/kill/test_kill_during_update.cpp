// The real kiosk, killed with SIGKILL at random moments of large updates from a local
// HTTP server. After every kill the cache must open, pass PRAGMA integrity_check, and
// hold exactly one published version, complete: never a mix, never half a version.
// The kill moments follow what an update takes on this machine now: one uninterrupted
// update of each size is timed first (and again every 100 rounds), and kills are drawn
// over [20 ms, 1.5 x that], so that they land before, during and after the switch to
// the new version whatever the load. BANGVANG_KILL_COUNT raises the number of kills
// (default 30); the figures are printed as `figure:` lines.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>

#include "kill/kill_rounds.hpp"
#include "store/content_cache.hpp"
#include "sync/fault_server.hpp"
#include "sync/sync_test_support.hpp"
#include "support/build_paths.hpp"

using namespace bangvang;
using namespace bangvang::sync;
using namespace bangvang::sync::testing;
using namespace bangvang::kill_testing;
using bangvang::testing::ScratchDirectory;

namespace {

std::string numbered_png(int index, const std::filesystem::path& scratch) {
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 320, 240, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_FillRect(surface, nullptr, SDL_MapRGBA(surface->format, Uint8(index), Uint8(index / 256), 40, 255));
    SDL_Rect stripe{index % 320, 0, 2, 240};
    SDL_FillRect(surface, &stripe, SDL_MapRGBA(surface->format, 255, 215, 0, 255));
    const auto file = scratch / "photo.png";
    IMG_SavePNG(surface, file.c_str());
    SDL_FreeSurface(surface);
    return read_file(file);
}

std::string integrity(const std::filesystem::path& database_file) {
    sqlite3* raw = nullptr;
    sqlite3_open_v2(database_file.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close_v2)> database(raw, sqlite3_close_v2);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(database.get(), "PRAGMA integrity_check", -1, &statement, nullptr);
    std::string result = sqlite3_step(statement) == SQLITE_ROW
                             ? reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))
                             : std::string(sqlite3_errmsg(database.get()));
    sqlite3_finalize(statement);
    return result;
}

}  // namespace

TEST_CASE("SIGKILL at random moments of large updates leaves the old or the new version, whole", "[kill]") {
    const int kills = kill_count();
    ScratchDirectory scratch("kill-update");
    // The server outlives every round (the destructor stops it sooner): rounds last up to
    // 1.5 x an update, which a loaded machine stretches to seconds.
    FaultServer server(scratch.path() / "server", std::max(600, kills * 30));
    const SecretKey district = generate_secret_key();

    // Two contents that alternate: a large one (photos) and a small one.
    const auto publish = [&](std::int64_t version) {
        FeedBuilder feed;
        feed.version = version;
        feed.expires_at = test_now + 3650 * 86400LL;
        const bool large = version % 2 == 1;
        const int count = large ? 150 : 20;
        for (int index = 0; index < count; ++index) {
            // Photos differ per version, so every large update downloads them all again.
            feed.add_item_with_image("v" + std::to_string(version) + "-" + std::to_string(index),
                                     numbered_png(static_cast<int>(version * 1000 + index), scratch.path()));
        }
        feed.write_to(server.root(), {district});
        return static_cast<std::size_t>(count);
    };
    std::map<std::int64_t, std::size_t> items_of_version;
    std::int64_t published = 1;
    items_of_version[published] = publish(published);

    const std::filesystem::path kiosk_folder = scratch.path() / "kiosk";
    write_file(kiosk_folder / "kiosk.json",
               R"({"kiosk_id": "kill-test", "site": "s", "cache_directory": "cache",
                   "screen": {"width": 640, "height": 360},
                   "sources": [{"id": "quan-thanh-xuan", "url": ")" + server.url() + R"(", "keys": [")" +
                   district.public_key().to_base64() + R"("]}]})");
    const KioskCommand command = kiosk_command(kiosk_folder);
    const auto database = kiosk_folder / "cache/content.sqlite3";

    // The cache after a kill: whole, with exactly one published version; its version (0: none).
    const auto check_cache = [&]() -> std::int64_t {
        if (!std::filesystem::exists(database)) return 0;  // killed before it created the cache
        REQUIRE(integrity(database) == "ok");
        store::ContentCache cache(database, kiosk_folder / "cache/media");
        const auto state = cache.source_state("quan-thanh-xuan");
        if (!state) {
            CHECK(cache.all_items().empty());
            return 0;
        }
        REQUIRE(items_of_version.contains(state->version));
        CHECK(cache.all_items().size() == items_of_version.at(state->version));
        for (const auto& stored : cache.all_items()) {
            CHECK(stored.item.id.starts_with("v" + std::to_string(state->version) + "-"));
        }
        for (const std::string& sha256 : cache.referenced_media()) {
            CHECK(std::filesystem::exists(cache.media_path(sha256)));
        }
        return state->version;
    };

    KillRoundsPlan plan{.name = "kill-update",
                        .command = command,
                        .request_log = scratch.path() / "server/requests.log",
                        .timing_log = scratch.path() / "timing.log",
                        .pending_version = [&] { return published; },
                        .update_names = {"small (20 photos) update", "large (150 photos) update"},
                        .pending_kind = [&] { return static_cast<std::size_t>(published % 2); },
                        .stop_after_switch = true,
                        .inspect = [&] { return check_cache() == published; },
                        .publish_next =
                            [&] {
                                ++published;
                                items_of_version[published] = publish(published);
                            }};
    const KillRoundsResult result = run_kill_rounds(plan, kills);
    print_rounds("kill-update", kills, result);
    CHECK(result.tally.delivered >= result.tally.rounds * 2 / 3);
}
