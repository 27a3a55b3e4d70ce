// Screen-sized copies made at sync time: a camera-sized JPEG and a large PNG synced
// over HTTP (nginx, or file:// without it) get a copy beside them that fits the screen,
// the image library draws from it, cleanup takes it with its original, and a damaged
// copy falls back to the original.
#include <catch2/catch.hpp>

#include <SDL_image.h>

#include <chrono>
#include <cstdint>

#include "render/image_library.hpp"
#include "media/jpeg_encoder.hpp"
#include "media/scaled_jpeg.hpp"
#include "media/screen_copy.hpp"
#include "store/content_cache.hpp"
#include "support/nginx_server.hpp"
#include "media/image_check.hpp"
#include "sync/remote_feed.hpp"
#include "media/screen_copy_writer.hpp"
#include "sync/sync_test_support.hpp"

using namespace bangvang;
using namespace bangvang::sync;
using namespace bangvang::media;
using namespace bangvang::sync::testing;
using bangvang::testing::NginxServer;
using bangvang::testing::ScratchDirectory;

namespace {

namespace fs = std::filesystem;

constexpr core::ScreenSize full_hd{.width = 1920, .height = 1080};

// A photo-like picture: gradients with some noise, so the encoders do real work.
render::SurfacePtr test_picture(int width, int height, bool transparent_edges) {
    render::SurfacePtr surface = render::create_rgba_surface(width, height);
    std::uint32_t noise = 12345;
    for (int y = 0; y < height; ++y) {
        auto* row = reinterpret_cast<Uint32*>(static_cast<Uint8*>(surface->pixels) + y * surface->pitch);
        for (int x = 0; x < width; ++x) {
            noise = noise * 1664525u + 1013904223u;
            const Uint32 grain = (noise >> 27);
            const Uint32 red = (static_cast<Uint32>(x) * 255u / static_cast<Uint32>(width) + grain) & 0xFF;
            const Uint32 green = (static_cast<Uint32>(y) * 255u / static_cast<Uint32>(height) + grain) & 0xFF;
            const Uint32 alpha = transparent_edges && (x < width / 10 || y < height / 10) ? 0u : 255u;
            row[x] = (alpha << 24) | (red << 16) | (green << 8) | 0x60u;
        }
    }
    return surface;
}

std::string jpeg_bytes(const render::SurfacePtr& picture, const fs::path& scratch) {
    const fs::path file = scratch / "picture.jpg";
    media::save_jpeg(*picture, file);
    return read_file(file);
}

std::string png_bytes(const render::SurfacePtr& picture, const fs::path& scratch) {
    const fs::path file = scratch / "picture.png";
    REQUIRE(IMG_SavePNG(picture.get(), file.c_str()) == 0);
    return read_file(file);
}

ImageHeader header_of(const fs::path& file) {
    std::string reason;
    const std::optional<ImageHeader> header = read_image_header(file, reason);
    INFO(file.string() << ": " << reason);
    REQUIRE(header);
    return *header;
}

struct SoftwareRenderer {
    render::SurfacePtr target = render::create_rgba_surface(64, 64);
    render::RendererPtr renderer{SDL_CreateSoftwareRenderer(target.get())};
};

// Serves a feed folder: nginx when installed, file:// otherwise.
struct FeedServer {
    ScratchDirectory& scratch;
    std::optional<NginxServer> nginx;
    explicit FeedServer(ScratchDirectory& directory) : scratch(directory) {
        if (NginxServer::available()) nginx.emplace(scratch.path() / "nginx");
    }
    fs::path root() const { return nginx ? nginx->root() : scratch.path() / "feed"; }
    std::string url() const { return nginx ? nginx->url() : "file://" + root().string(); }
};

}  // namespace

TEST_CASE("screen copies: made at sync, drawn by the image library, removed with their media, "
          "a damaged one falls back to the original",
          "[sync][media][screen-copy]") {
    ScratchDirectory scratch("sync-screen-copies");
    FeedServer server(scratch);
    SecretKey district = generate_secret_key();
    FeedBuilder feed;
    const core::MediaRef photo =
        feed.add_item_with_image("photo", jpeg_bytes(test_picture(4000, 3000, false), scratch.path()), "image/jpeg");
    const core::MediaRef drawing =
        feed.add_item_with_image("drawing", png_bytes(test_picture(2400, 1600, true), scratch.path()), "image/png");
    const core::MediaRef small = feed.add_item_with_image("small", valid_png());
    feed.write_to(server.root(), {district});

    store::ContentCache cache(scratch.path() / "cache/content.sqlite3", scratch.path() / "cache/media");
    HttpClient client(HttpClientOptions{});
    ConditionalState conditional;
    const SourceTrust trust{.source_id = "quan-thanh-xuan", .configured_keys = {district.public_key()}};

    auto first = poll_remote_feed(server.url(), trust, cache, client, conditional, test_now, full_hd);
    REQUIRE(first.ok());
    CHECK(first->sync.applied.items_live == 3);
    CHECK(first->sync.applied.screen_copies_written == 2);
    CHECK(first->sync.applied.screen_copy_failures.empty());

    const fs::path photo_copy = media::screen_copy_path(cache.media_path(photo.sha256), false);
    const fs::path drawing_copy = media::screen_copy_path(cache.media_path(drawing.sha256), true);
    REQUIRE(fs::is_regular_file(photo_copy));
    REQUIRE(fs::is_regular_file(drawing_copy));
    for (const fs::path& copy : media::screen_copy_candidates(cache.media_path(small.sha256))) {
        CHECK_FALSE(fs::exists(copy));  // 32x32 fits the screen as it is
    }
    const ImageHeader photo_header = header_of(photo_copy);
    CHECK(photo_header.mime_type == "image/jpeg");
    CHECK(photo_header.width == 1440);  // 4000x3000 fitted short side to short side
    CHECK(photo_header.height == 1080);
    const ImageHeader drawing_header = header_of(drawing_copy);
    CHECK(drawing_header.mime_type == "image/png");
    CHECK(drawing_header.width == 1620);
    CHECK(drawing_header.height == 1080);
    {
        const render::SurfacePtr decoded(IMG_Load(drawing_copy.c_str()));
        REQUIRE(decoded);
        REQUIRE(decoded->format->Amask != 0);  // alpha kept
        const render::SurfacePtr argb(SDL_ConvertSurfaceFormat(decoded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
        const auto* corner = static_cast<const Uint32*>(argb->pixels);
        CHECK((corner[0] >> 24) == 0);
        const auto* middle = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(argb->pixels) + (argb->h / 2) * argb->pitch);
        CHECK((middle[argb->w / 2] >> 24) == 255);
    }

    SoftwareRenderer software;
    const render::MediaLocator locate = [&](const std::string& sha256) -> std::optional<fs::path> {
        return cache.media_path(sha256);
    };
    {
        render::ImageLibrary library(software.renderer.get(), locate, 64 * 1024 * 1024, 1080);
        const auto drawn = library.get(photo.sha256);
        REQUIRE(drawn);
        CHECK(drawn->width == 1440);
        CHECK(drawn->height == 1080);
        const auto drawn_png = library.get(drawing.sha256);
        REQUIRE(drawn_png);
        CHECK(drawn_png->width == 1620);
        CHECK(drawn_png->height == 1080);
        CHECK(library.screen_copy_fallbacks() == 0);
    }

    // One sequence rather than sections: each section would make the 4000x3000 photo again.
    // A damaged copy falls back to the original, noted for the log.
    write_file(photo_copy, "\xFF\xD8\xFF\xE0 not really a JPEG any more");
    {
        render::ImageLibrary library(software.renderer.get(), locate, 64 * 1024 * 1024, 1080);
        const auto drawn = library.get(photo.sha256);
        REQUIRE(drawn);
        CHECK(drawn->width == 1440);  // the original, decoded and shrunk on the spot
        CHECK(drawn->height == 1080);
        CHECK(library.screen_copy_fallbacks() == 1);
        CHECK_THAT(library.last_fallback(), Catch::Matchers::Contains(photo_copy.filename().string()));
    }
    // The library draws the copy, not the original: a copy of another size shows which was decoded.
    media::save_jpeg(*test_picture(160, 120, false), photo_copy);
    {
        render::ImageLibrary library(software.renderer.get(), locate, 64 * 1024 * 1024, 1080);
        const auto drawn = library.get(photo.sha256);
        REQUIRE(drawn);
        CHECK(drawn->width == 160);
        CHECK(drawn->height == 120);
        CHECK(library.screen_copy_fallbacks() == 0);
    }
    // A removed item's media and its copy are gone after the next version.
    feed.version = 2;
    feed.items.erase(feed.items.begin());  // the photo's item
    feed.media.erase(feed.media.begin());
    feed.write_to(server.root(), {district});
    auto second = poll_remote_feed(server.url(), trust, cache, client, conditional, test_now, full_hd);
    REQUIRE(second.ok());
    CHECK(second->sync.version == 2);
    CHECK_FALSE(fs::exists(cache.media_path(photo.sha256)));
    CHECK_FALSE(fs::exists(photo_copy));
    CHECK(fs::exists(cache.media_path(drawing.sha256)));
    CHECK(fs::exists(drawing_copy));
}

TEST_CASE("screen copies: a media file stored before the screen was known gets its copy at the next version",
          "[sync][media][screen-copy]") {
    ScratchDirectory scratch("sync-screen-copies-later");
    FeedServer server(scratch);
    SecretKey district = generate_secret_key();
    FeedBuilder feed;
    const core::MediaRef photo =
        feed.add_item_with_image("photo", jpeg_bytes(test_picture(2000, 1500, false), scratch.path()), "image/jpeg");
    feed.write_to(server.root(), {district});
    store::ContentCache cache(scratch.path() / "cache/content.sqlite3", scratch.path() / "cache/media");
    HttpClient client(HttpClientOptions{});
    ConditionalState conditional;
    const SourceTrust trust{.source_id = "quan-thanh-xuan", .configured_keys = {district.public_key()}};
    REQUIRE(poll_remote_feed(server.url(), trust, cache, client, conditional, test_now).ok());
    const fs::path copy = media::screen_copy_path(cache.media_path(photo.sha256), false);
    CHECK_FALSE(fs::exists(copy));

    feed.version = 2;
    feed.items.push_back(announcement("plain"));
    feed.write_to(server.root(), {district});
    auto second = poll_remote_feed(server.url(), trust, cache, client, conditional, test_now, full_hd);
    REQUIRE(second.ok());
    CHECK(second->sync.applied.screen_copies_written == 1);
    CHECK(header_of(copy).width == 1440);
}

TEST_CASE("screen copies: decode time of a 4000x3000 photo with and without its copy, and the sync cost",
          "[.benchmark][sync][screen-copy]") {
    using Clock = std::chrono::steady_clock;
    const auto milliseconds = [](Clock::duration elapsed) {
        return std::chrono::duration<double, std::milli>(elapsed).count();
    };
    ScratchDirectory scratch("sync-screen-copies-benchmark");
    const std::string bytes = jpeg_bytes(test_picture(4000, 3000, false), scratch.path());
    const core::MediaRef media = media_for_bytes(bytes, "image/jpeg", 4000, 3000);
    const fs::path original = scratch.path() / media.sha256;
    write_file(original, bytes);
    constexpr int rounds = 5;

    double copy_total = 0;
    for (int round = 0; round < rounds; ++round) {
        fs::remove(media::screen_copy_path(original, false));
        const auto started = Clock::now();
        const ScreenCopyResult result = write_screen_copy(original, media, full_hd);
        copy_total += milliseconds(Clock::now() - started);
        REQUIRE(result.outcome == ScreenCopyOutcome::written);
    }
    const fs::path copy = media::screen_copy_path(original, false);

    SoftwareRenderer software;
    const auto decode_time = [&](bool with_copy) {
        double total = 0;
        for (int round = 0; round < rounds; ++round) {
            const fs::path folder = scratch.path() / (with_copy ? "with" : "without");
            fs::create_directories(folder);
            fs::copy_file(original, folder / media.sha256, fs::copy_options::overwrite_existing);
            if (with_copy) fs::copy_file(copy, media::screen_copy_path(folder / media.sha256, false), fs::copy_options::overwrite_existing);
            render::ImageLibrary library(software.renderer.get(), [&](const std::string& sha256) -> std::optional<fs::path> {
                return folder / sha256;
            }, 64 * 1024 * 1024, 1080);
            const auto started = Clock::now();
            REQUIRE(library.get(media.sha256));
            total += milliseconds(Clock::now() - started);
        }
        return total / rounds;
    };
    const double without_copy = decode_time(false);
    const double with_copy = decode_time(true);
    WARN("4000x3000 JPEG (" << bytes.size() << " bytes), screen 1920x1080, mean of " << rounds << ": "
                            << "image library load " << without_copy << " ms from the original, " << with_copy
                            << " ms from the screen copy (" << fs::file_size(copy) << " bytes); making the copy at sync "
                            << copy_total / rounds << " ms per photo");
}
