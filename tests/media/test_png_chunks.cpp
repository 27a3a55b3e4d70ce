// A PNG whose chunk claims more bytes than the file holds never reaches libpng, which
// would checksum that many bytes past the end (media/png_chunks.hpp): the inputs
// fuzz_media_check found, and a sound PNG of every kind in pngsuite, through every
// entry point (bytes, file, the player's loader).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "media/png_chunks.hpp"
#include "media/surface.hpp"
#include "support/build_paths.hpp"

using namespace bangvang;

namespace {

std::string read_bytes(const std::filesystem::path& file) {
    std::ifstream input(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(input), std::istreambuf_iterator<char>()};
}

const std::filesystem::path regressions = std::filesystem::path(testing::paths::checkout) / "tests/fuzz/regressions/media_check";

}  // namespace

TEST_CASE("PNG chunks that claim more than the file holds are refused by every entry point", "[display][png]") {
    const std::pair<const char*, const char*> found[] = {
        {"png-phys-chunk-length-past-end.png", "PNG chunk \"pHYs\" at byte 64 says it holds 754974729 bytes, but only 268 follow"},
        {"png-gama-chunk-length-past-end.png", "PNG chunk \"gAMA\" at byte 33 says it holds 68 bytes, but only 16 follow"},
        {"png-cut-short-after-gama.png", "PNG is cut short: it ends at byte 117 without an IEND chunk"},
    };
    for (const auto& [name, problem] : found) {
        const auto file = regressions / name;
        INFO(file);
        CHECK(media::png_chunk_problem(read_bytes(file)) == std::optional<std::string>(problem));
        CHECK(media::png_file_chunk_problem(file) == std::optional<std::string>(problem));
        CHECK_THROWS_WITH(media::load_image_surface(file), Catch::Contains(file.string()) && Catch::Contains(problem));
    }
}

TEST_CASE("sound PNGs, and files that are not PNGs, pass the chunk check", "[display][png]") {
    int sound = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(testing::paths::corpora) / "pngsuite")) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".png" || name.starts_with("x")) continue;  // x*: deliberately broken
        INFO(entry.path());
        CHECK_FALSE(media::png_file_chunk_problem(entry.path()));
        CHECK_FALSE(media::png_chunk_problem(read_bytes(entry.path())));
        ++sound;
    }
    CHECK(sound > 100);
    CHECK_FALSE(media::png_chunk_problem(std::string("\xFF\xD8\xFF\xE0 a JPEG", 11)));
    // A chunk type of bytes that are not letters is named with "?" (the message must stay UTF-8).
    std::string odd("\x89PNG\r\n\x1a\n\x00\x00\x10\x00I\xFF\xC3R", 16);
    odd += std::string(8, '\0');
    CHECK(media::png_chunk_problem(odd) ==
          std::optional<std::string>("PNG chunk \"I??R\" at byte 8 says it holds 4096 bytes, but only 4 follow"));
    CHECK_FALSE(media::png_file_chunk_problem("/nonexistent/photo.png"));
}
