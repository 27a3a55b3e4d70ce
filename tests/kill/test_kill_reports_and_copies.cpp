// The real kiosk, killed with SIGKILL at random moments while it records plays in its
// outbox, delivers reports and makes screen copies of photos larger than its screen.
// After every kill: the cache opens whole with exactly one version, every screen copy
// on disk decodes whole, and every play the outbox held is remembered. At the end a
// clean run delivers what is left: every play the outbox ever held reached the server.
// Delivery is at least once: a kill between the server's 2xx and the outbox recording it
// makes the next start send that report again (the portal counts a play once by kiosk,
// item and start time), so a play may arrive twice only in a delivery a kill interrupted:
// never more repeated deliveries than kills. BANGVANG_KILL_COUNT sets the number of kills
// (default 30).
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "media/screen_copy.hpp"
#include "store/content_cache.hpp"
#include "store/report_outbox.hpp"
#include "sync/fault_server.hpp"
#include "sync/sync_test_support.hpp"
#include "support/build_paths.hpp"

using namespace bangvang;
using namespace bangvang::sync;
using namespace bangvang::sync::testing;
using bangvang::testing::ScratchDirectory;

extern char** environ;

namespace {

// A photo larger than the kiosk's 640x360 screen, so that sync makes a screen copy.
std::string large_png(int index, const std::filesystem::path& scratch) {
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 1280, 960, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_FillRect(surface, nullptr, SDL_MapRGBA(surface->format, Uint8(index * 7), Uint8(index / 3), 90, 255));
    SDL_Rect stripe{(index * 13) % 1280, 0, 8, 960};
    SDL_FillRect(surface, &stripe, SDL_MapRGBA(surface->format, 255, 215, 0, 255));
    const auto file = scratch / "large.png";
    IMG_SavePNG(surface, file.c_str());
    SDL_FreeSurface(surface);
    return read_file(file);
}

// One play as the outbox holds it and as a report carries it.
std::string play_key(const std::string& item, const std::string& started_at, std::int64_t duration_ms) {
    return item + " " + started_at + " " + std::to_string(duration_ms);
}

pid_t start_kiosk(const std::string& binary, const std::string& config, const std::string& screens) {
    std::vector<char*> arguments{const_cast<char*>(binary.c_str()), const_cast<char*>("--config"),
                                 const_cast<char*>(config.c_str()),  const_cast<char*>("--headless"),
                                 const_cast<char*>(screens.c_str()), const_cast<char*>("--once"), nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, binary.c_str(), &actions, nullptr, arguments.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return spawned == 0 ? pid : -1;
}

}  // namespace

TEST_CASE("SIGKILL during outbox writes, report delivery and screen copies loses no play and repeats only what a kill cut off", "[kill]") {
    const int kills = std::getenv("BANGVANG_KILL_COUNT") ? std::atoi(std::getenv("BANGVANG_KILL_COUNT")) : 30;
    ScratchDirectory scratch("kill-reports");
    // The server outlives every round: up to 2.5 s each plus a start under load (10 s allowed).
    FaultServer server(scratch.path() / "server", std::max(3600, kills * 10));
    const SecretKey district = generate_secret_key();

    constexpr std::size_t items_per_version = 6;
    const auto publish = [&](std::int64_t version) {
        FeedBuilder feed;
        feed.version = version;
        feed.expires_at = test_now + 3650 * 86400LL;
        for (std::size_t index = 0; index < items_per_version; ++index) {
            feed.add_item_with_image("v" + std::to_string(version) + "-" + std::to_string(index),
                                     large_png(static_cast<int>(version * 100 + index), scratch.path()));
        }
        feed.write_to(server.root(), {district});
    };
    std::int64_t published = 1;
    publish(published);

    const std::filesystem::path kiosk_folder = scratch.path() / "kiosk";
    write_file(kiosk_folder / "kiosk.json",
               R"({"kiosk_id": "kill-reports", "site": "s", "cache_directory": "cache",
                   "screen": {"width": 640, "height": 360},
                   "sources": [{"id": "quan-thanh-xuan", "url": ")" + server.url() + R"(", "report_url": ")" +
                   server.url("reports") + R"(", "keys": [")" + district.public_key().to_base64() + R"("]}]})");
    // BANGVANG_KIOSK_BINARY in the environment: another build of the kiosk (a copy kept
    // for a long benchmark run, a sanitizer build).
    const std::string binary =
        std::getenv("BANGVANG_KIOSK_BINARY") ? std::getenv("BANGVANG_KIOSK_BINARY") : bangvang::testing::paths::kiosk_program;
    const std::string config = (kiosk_folder / "kiosk.json").string();
    const std::string screens = (kiosk_folder / "screens").string();
    const auto database = kiosk_folder / "cache/content.sqlite3";
    std::mt19937 random(std::random_device{}());
    std::uniform_int_distribution<int> delay_ms(20, 2500);

    std::set<std::string> plays_held;  // every play an outbox was seen holding
    int killed_while_running = 0, copies_checked = 0;
    for (int round = 0; round < kills; ++round) {
        const pid_t pid = start_kiosk(binary, config, screens);
        REQUIRE(pid > 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
        if (::kill(pid, SIGKILL) == 0) ++killed_while_running;
        int status = 0;
        ::waitpid(pid, &status, 0);
        if (!std::filesystem::exists(database)) continue;

        INFO("round " << round);
        store::ContentCache cache(database, kiosk_folder / "cache/media");
        if (const auto state = cache.source_state("quan-thanh-xuan")) {
            const auto items = cache.all_items();
            CHECK(items.size() == items_per_version);
            for (const auto& stored : items) CHECK(stored.item.id.starts_with("v" + std::to_string(state->version) + "-"));
            if (state->version == published) publish(++published);
        }
        for (const std::string& sha256 : cache.referenced_media()) {
            REQUIRE(std::filesystem::exists(cache.media_path(sha256)));
            for (const auto& copy : media::screen_copy_candidates(cache.media_path(sha256))) {
                if (!std::filesystem::exists(copy)) continue;
                SDL_Surface* decoded = IMG_Load(copy.c_str());
                INFO("screen copy " << copy);
                REQUIRE(decoded != nullptr);
                CHECK(decoded->w <= 640);
                CHECK(decoded->h <= 480);
                SDL_FreeSurface(decoded);
                ++copies_checked;
            }
        }
        store::ReportOutbox outbox(cache);
        for (const auto& stored : outbox.pending("quan-thanh-xuan", 1'000'000).plays) {
            plays_held.insert(play_key(stored.play.item_id, core::format_rfc3339(stored.play.started_at, 7 * 60),
                                       stored.play.duration_milliseconds));
        }
    }

    // Clean runs deliver what the last kill left (each start's first round sends the outbox).
    for (int run = 0; run < 3; ++run) {
        const pid_t pid = start_kiosk(binary, config, screens);
        REQUIRE(pid > 0);
        int status = 0;
        ::waitpid(pid, &status, 0);
    }

    std::map<std::string, int> received;
    int repeated_deliveries = 0;  // deliveries carrying a play the server already had
    std::istringstream lines(server.reports_received());
    for (std::string line; std::getline(lines, line);) {
        const auto body = nlohmann::json::parse(nlohmann::json::parse(line).at("body").get<std::string>());
        bool repeats = false;
        for (const auto& play : body.at("plays")) {
            if (++received[play_key(play.at("item"), play.at("started_at"), play.at("duration_ms"))] > 1) repeats = true;
        }
        if (repeats) ++repeated_deliveries;
    }
    std::size_t lost = 0, sent_again = 0;
    for (const auto& play : plays_held) {
        if (!received.contains(play)) {
            ++lost;
            UNSCOPED_INFO("lost: " << play);
        }
    }
    for (const auto& [play, times] : received) {
        if (times > 1) {
            ++sent_again;
            UNSCOPED_INFO("sent " << times << " times: " << play);
        }
    }
    WARN(kills << " rounds, " << killed_while_running << " SIGKILLs to a running kiosk, " << published - 1
               << " updates completed, " << copies_checked << " screen copies checked, " << plays_held.size()
               << " plays seen in the outbox, " << received.size() << " distinct plays received, "
               << sent_again << " received again in " << repeated_deliveries << " repeated deliveries");
    CHECK(lost == 0);
    CHECK(repeated_deliveries <= killed_while_running);
    CHECK(killed_while_running >= kills * 2 / 3);
}
