// The real kiosk, killed with SIGKILL at random moments of large updates from a local
// HTTP server. After every kill the cache must open, pass PRAGMA integrity_check, and
// hold exactly one published version, complete: never a mix, never half a version.
// BANGVANG_KILL_COUNT raises the number of kills (default 30).
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <thread>

#include "store/content_cache.hpp"
#include "sync/fault_server.hpp"
#include "sync/sync_test_support.hpp"
#include "support/build_paths.hpp"

using namespace bangvang;
using namespace bangvang::sync;
using namespace bangvang::sync::testing;
using bangvang::testing::ScratchDirectory;

extern char** environ;

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
    const int kills = std::getenv("BANGVANG_KILL_COUNT") ? std::atoi(std::getenv("BANGVANG_KILL_COUNT")) : 30;
    ScratchDirectory scratch("kill-update");
    // The server outlives every round: up to 2.5 s each plus a start under load (10 s allowed).
    FaultServer server(scratch.path() / "server", std::max(600, kills * 10));
    const SecretKey district = generate_secret_key();

    // Two contents that alternate: a large one (photos) and a small one.
    std::vector<std::pair<core::MediaRef, std::string>> photos_a, photos_b;
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
    // BANGVANG_KIOSK_BINARY in the environment: another build of the kiosk (a copy kept
    // for a long benchmark run, a sanitizer build).
    const std::string binary =
        std::getenv("BANGVANG_KIOSK_BINARY") ? std::getenv("BANGVANG_KIOSK_BINARY") : bangvang::testing::paths::kiosk_program;
    const std::string config = (kiosk_folder / "kiosk.json").string();
    const std::string screens = (kiosk_folder / "screens").string();
    std::mt19937 random(std::random_device{}());
    std::uniform_int_distribution<int> delay_ms(20, 2500);

    int killed_while_running = 0;
    for (int round = 0; round < kills; ++round) {
        std::vector<char*> arguments{const_cast<char*>(binary.c_str()), const_cast<char*>("--config"),
                                     const_cast<char*>(config.c_str()),  const_cast<char*>("--headless"),
                                     const_cast<char*>(screens.c_str()), const_cast<char*>("--once"), nullptr};
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
        pid_t pid = -1;
        REQUIRE(posix_spawn(&pid, binary.c_str(), &actions, nullptr, arguments.data(), environ) == 0);
        posix_spawn_file_actions_destroy(&actions);
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
        if (::kill(pid, SIGKILL) == 0) ++killed_while_running;
        int status = 0;
        ::waitpid(pid, &status, 0);

        const auto database = kiosk_folder / "cache/content.sqlite3";
        if (!std::filesystem::exists(database)) continue;  // killed before it created the cache
        INFO("round " << round);
        REQUIRE(integrity(database) == "ok");
        store::ContentCache cache(database, kiosk_folder / "cache/media");
        const auto state = cache.source_state("quan-thanh-xuan");
        if (!state) {
            CHECK(cache.all_items().empty());
            continue;
        }
        REQUIRE(items_of_version.contains(state->version));
        CHECK(cache.all_items().size() == items_of_version.at(state->version));
        for (const auto& stored : cache.all_items()) {
            CHECK(stored.item.id.starts_with("v" + std::to_string(state->version) + "-"));
        }
        for (const std::string& sha256 : cache.referenced_media()) {
            CHECK(std::filesystem::exists(cache.media_path(sha256)));
        }
        if (state->version == published) {
            ++published;
            items_of_version[published] = publish(published);
        }
    }
    WARN(kills << " rounds, " << killed_while_running << " SIGKILLs delivered to a running kiosk, " << published - 1
               << " updates completed between kills");
    CHECK(killed_while_running >= kills * 2 / 3);
}
