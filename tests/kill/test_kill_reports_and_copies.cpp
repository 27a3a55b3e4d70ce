// The real kiosk, killed with SIGKILL at random moments while it records plays in its
// outbox, delivers reports and makes screen copies of photos larger than its screen.
// After every kill: the cache opens whole with exactly one version, every screen copy
// on disk decodes whole, and every play the outbox held is remembered. At the end a
// clean run delivers what is left: every play the outbox ever held reached the server.
// Delivery is at least once: a kill between the server's 2xx and the outbox recording it
// makes the next start send that report again (the portal counts a play once by kiosk,
// item and start time), so a play may arrive twice only in a delivery a kill interrupted:
// never more repeated deliveries than kills. The kill moments follow what a run takes on
// this machine now: one uninterrupted run is timed first (and again every 100 rounds),
// and kills are drawn from 20 ms to its end or 1.5 x its switch to the new version,
// whichever is later, so that they land in the update, the screen copies, the plays and
// the delivery whatever the load. BANGVANG_KILL_COUNT sets the number of kills (default
// 30); the figures are printed as `figure:` lines.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "kill/kill_rounds.hpp"
#include "media/screen_copy.hpp"
#include "store/content_cache.hpp"
#include "store/report_outbox.hpp"
#include "sync/fault_server.hpp"
#include "sync/sync_test_support.hpp"
#include "support/build_paths.hpp"

using namespace bangvang;
using namespace bangvang::sync;
using namespace bangvang::sync::testing;
using namespace bangvang::kill_testing;
using bangvang::testing::ScratchDirectory;

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

}  // namespace

TEST_CASE("SIGKILL during outbox writes, report delivery and screen copies loses no play and repeats only what a kill cut off", "[kill]") {
    const int kills = kill_count();
    ScratchDirectory scratch("kill-reports");
    // The server outlives every round (the destructor stops it sooner): rounds last up to
    // a whole run, which a loaded machine stretches to seconds.
    FaultServer server(scratch.path() / "server", std::max(3600, kills * 30));
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
    const KioskCommand command = kiosk_command(kiosk_folder);
    const auto database = kiosk_folder / "cache/content.sqlite3";

    std::set<std::string> plays_held;  // every play an outbox was seen holding
    int copies_checked = 0;
    // After a run: one whole version, every screen copy decodes whole, the outbox's plays
    // remembered. True when the cache holds the version published last.
    const auto inspect = [&]() -> bool {
        if (!std::filesystem::exists(database)) return false;
        store::ContentCache cache(database, kiosk_folder / "cache/media");
        bool switched = false;
        if (const auto state = cache.source_state("quan-thanh-xuan")) {
            const auto items = cache.all_items();
            CHECK(items.size() == items_per_version);
            for (const auto& stored : items) CHECK(stored.item.id.starts_with("v" + std::to_string(state->version) + "-"));
            switched = state->version == published;
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
        return switched;
    };

    const KillRoundsPlan plan{.name = "kill-reports",
                              .command = command,
                              .request_log = scratch.path() / "server/requests.log",
                              .timing_log = scratch.path() / "timing.log",
                              .pending_version = [&] { return published; },
                              .stop_after_switch = false,
                              .inspect = inspect,
                              .publish_next = [&] { publish(++published); }};
    const KillRoundsResult result = run_kill_rounds(plan, kills);

    // Clean runs deliver what the last kill left (each start's first round sends the outbox).
    for (int run = 0; run < 3; ++run) {
        const pid_t pid = start_kiosk(command);
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
    print_rounds("kill-reports", kills, result);
    print_figure("kill-reports plays seen in the outbox", static_cast<long long>(plays_held.size()), "plays");
    print_figure("kill-reports plays received", static_cast<long long>(received.size()), "plays");
    print_figure("kill-reports plays lost", static_cast<long long>(lost), "plays");
    print_figure("kill-reports plays received twice or more", static_cast<long long>(sent_again), "plays");
    print_figure("kill-reports repeated deliveries", repeated_deliveries, "deliveries");
    print_figure("kill-reports screen copies decoded whole", copies_checked, "copies");
    CHECK(lost == 0);
    CHECK(repeated_deliveries <= result.tally.delivered);
    CHECK(result.tally.delivered >= result.tally.rounds * 2 / 3);
}
