// Measured numbers for the closing note: 500 items with 500 photos from nginx on
// loopback, then an unchanged poll. Hidden from the default run: `test_sync "[.benchmark]"`.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <chrono>

#include "store/content_cache.hpp"
#include "sync/remote_feed.hpp"
#include "support/nginx_server.hpp"
#include "sync_test_support.hpp"

using namespace bangvang;
using namespace bangvang::sync;
using namespace bangvang::sync::testing;
using bangvang::testing::NginxServer;
using bangvang::testing::ScratchDirectory;

namespace {

// A distinct 400x300 PNG for each index.
std::string numbered_png(int index, const std::filesystem::path& scratch) {
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 400, 300, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_FillRect(surface, nullptr, SDL_MapRGBA(surface->format, Uint8(index), Uint8(index / 256), 90, 255));
    SDL_Rect stripe{index % 400, 0, 3, 300};
    SDL_FillRect(surface, &stripe, SDL_MapRGBA(surface->format, 255, 215, 0, 255));
    const auto file = scratch / "photo.png";
    IMG_SavePNG(surface, file.c_str());
    SDL_FreeSurface(surface);
    return read_file(file);
}

}  // namespace

TEST_CASE("benchmark: 500 items with 500 photos from nginx, then an unchanged poll", "[.benchmark][sync]") {
    if (!NginxServer::available()) return;
    ScratchDirectory scratch("sync-benchmark");
    NginxServer nginx(scratch.path() / "nginx");
    SecretKey district = generate_secret_key();
    FeedBuilder feed;
    std::size_t photo_bytes = 0;
    for (int index = 0; index < 500; ++index) {
        const std::string png = numbered_png(index, scratch.path());
        photo_bytes += png.size();
        feed.add_item_with_image("item-" + std::to_string(index), png);
    }
    feed.write_to(nginx.root(), {district});

    store::ContentCache cache(scratch.path() / "cache/content.sqlite3", scratch.path() / "cache/media");
    HttpClient client(HttpClientOptions{});
    ConditionalState conditional;
    const SourceTrust trust{.source_id = "quan-thanh-xuan", .configured_keys = {district.public_key()}};
    auto started = std::chrono::steady_clock::now();
    auto full = poll_remote_feed(nginx.url(), trust, cache, client, conditional, test_now);
    const auto full_time = std::chrono::steady_clock::now() - started;
    REQUIRE(full.ok());
    CHECK(full->sync.applied.items_live == 500);

    started = std::chrono::steady_clock::now();
    auto unchanged = poll_remote_feed(nginx.url(), trust, cache, client, conditional, test_now);
    const auto unchanged_time = std::chrono::steady_clock::now() - started;
    REQUIRE(unchanged.ok());
    CHECK(unchanged->not_modified);
    WARN("500 items, 500 photos (" << photo_bytes << " bytes of PNG): "
         << std::chrono::duration_cast<std::chrono::milliseconds>(full_time).count() << " ms, "
         << full->bytes_received << " bytes on the wire; unchanged poll: " << unchanged->bytes_received << " bytes, "
         << std::chrono::duration_cast<std::chrono::microseconds>(unchanged_time).count() << " µs");
}
