// Timings for the closing note, hidden from ctest (the "[.]" tag): build and push the
// sample, and a folder of 300 camera-sized photos (4000x3000 JPEGs with EXIF
// orientation). Run: build/tests/test_publish "[benchmark]" -s   (needs nginx; ~5 min)
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>
#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "publish/feed_builder.hpp"
#include "publish/feed_push.hpp"
#include "support/nginx_server.hpp"
#include "support/build_paths.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bangvang;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string exif_orientation_segment(int orientation) {
    std::string tiff("II\x2A\0\x08\0\0\0", 8);
    tiff += std::string("\x01\0", 2);
    tiff += std::string("\x12\x01\x03\0\x01\0\0\0", 8) + static_cast<char>(orientation) + std::string("\0\0\0", 3);
    tiff += std::string("\0\0\0\0", 4);
    const std::string payload = std::string("Exif\0\0", 6) + tiff;
    const int length = static_cast<int>(payload.size()) + 2;
    return std::string("\xFF\xE1", 2) + static_cast<char>(length >> 8) + static_cast<char>(length & 0xFF) + payload;
}

// 300 distinct "camera" photos: shared noisy texture (so JPEGs have realistic sizes),
// a different coloured block in each, every third one turned by EXIF.
void generate_camera_folder(const fs::path& content, int count) {
    fs::create_directories(content / "guong-dien-hinh");
    std::ofstream(content / "nguon.txt") << "Mã nguồn: benchmark\nTên nguồn: Thử tải\n";
    SDL_Surface* texture = SDL_CreateRGBSurfaceWithFormat(0, 4000, 3000, 24, SDL_PIXELFORMAT_RGB24);
    REQUIRE(texture);
    std::uint32_t state = 2463534242u;
    auto* pixels = static_cast<std::uint8_t*>(texture->pixels);
    for (int y = 0; y < 3000; ++y) {
        for (int x = 0; x < 4000 * 3; ++x) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            pixels[y * texture->pitch + x] = static_cast<std::uint8_t>(100 + (x / 3 + y) % 100 + (state & 31));
        }
    }
    const fs::path scratch = content.parent_path() / "scratch.jpg";
    for (int index = 0; index < count; ++index) {
        SDL_Rect block{(index * 37) % 3000, (index * 53) % 2000, 900, 900};
        SDL_FillRect(texture, &block, SDL_MapRGB(texture->format, static_cast<Uint8>(index), 80, static_cast<Uint8>(255 - index)));
        REQUIRE(IMG_SaveJPG(texture, scratch.c_str(), 90) == 0);
        std::ifstream stream(scratch, std::ios::binary);
        std::string jpeg{std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
        if (index % 3 == 0) jpeg = jpeg.substr(0, 2) + exif_orientation_segment(6) + jpeg.substr(2);
        const std::string name = "nguoi-" + std::to_string(index);
        std::ofstream(content / "guong-dien-hinh" / (name + ".jpg"), std::ios::binary) << jpeg;
        std::ofstream(content / "guong-dien-hinh" / (name + ".txt"))
            << "Tên: Người thứ " << index << "\nẢnh: " << name << ".jpg\nTiêu đề: Gương điển hình số " << index
            << "\n\nMột đoạn văn ngắn.\n";
    }
    SDL_FreeSurface(texture);
}

void build_and_push(const std::string& label, const fs::path& content, const fs::path& directory) {
    const auto build_start = Clock::now();
    const auto built = publish::build_feed({.source_directory = content, .feed_directory = directory / "feed"},
                                           std::chrono::duration_cast<std::chrono::seconds>(
                                               std::chrono::system_clock::now().time_since_epoch())
                                               .count());
    REQUIRE(built.ok());
    const double build_seconds = seconds_since(build_start);
    testing::NginxServer server({.prefix = directory / "nginx", .root = directory / "www", .dav = true, .token = "benchmark"});
    const std::string url = server.url() + "feed";
    const auto push_start = Clock::now();
    const auto pushed = publish::push_feed({.feed_directory = directory / "feed", .target = url, .token = "benchmark"});
    const double push_seconds = seconds_since(push_start);
    const auto again_start = Clock::now();
    const auto again = publish::push_feed(
        {.feed_directory = directory / "feed", .target = url, .token = "benchmark", .allow_older = true});
    const double again_seconds = seconds_since(again_start);
    std::printf("%s: %zu items, %zu media; build %.1f s; push to nginx on 127.0.0.1 %.2f s (%.1f MiB); "
                "push again %.2f s (%zu skipped)\n",
                label.c_str(), built->manifest.items.size(), built->manifest.media.size(), build_seconds, push_seconds,
                static_cast<double>(pushed.bytes_uploaded) / (1024.0 * 1024.0), again_seconds, again.media_skipped);
}

}  // namespace

TEST_CASE("benchmark: build and push the sample and 300 camera photos", "[.][benchmark]") {
    // As bangvang-publish's main does: photo-sized buffers stay in the heap between photos.
    mallopt(M_MMAP_THRESHOLD, 512 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    REQUIRE(testing::NginxServer::available());
    const fs::path directory = fs::path(bangvang::testing::paths::build) / "benchmark-publish";
    fs::remove_all(directory);
    build_and_push("sample", fs::path(bangvang::testing::paths::checkout) / "content" / "sample", directory / "sample");

    const auto generate_start = Clock::now();
    generate_camera_folder(directory / "photos" / "content", 300);
    std::printf("generated 300 photos 4000x3000 in %.1f s\n", seconds_since(generate_start));
    build_and_push("300 photos", directory / "photos" / "content", directory / "photos");
}
