#pragma once
// What the publishing tests share: the sample folder, a fixed "now", scratch folders
// under the build tree, and reading a file whole.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "core/clock_time.hpp"
#include "support/build_paths.hpp"

namespace bangvang::publish_testing {

inline const std::filesystem::path sample_directory =
    std::filesystem::path(bangvang::testing::paths::checkout) / "content" / "sample";
inline constexpr core::UnixSeconds fixed_now = 1732064400;  // 2024-11-20T08:00:00+07:00

inline std::filesystem::path fresh_directory(const std::string& name) {
    const std::filesystem::path directory = std::filesystem::path(bangvang::testing::paths::build) / "test-publish" / name;
    std::filesystem::remove_all(directory);
    std::filesystem::create_directories(directory);
    return directory;
}

inline std::string contents(const std::filesystem::path& file) {
    std::ifstream stream(file, std::ios::binary);
    REQUIRE(stream);
    return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

}  // namespace bangvang::publish_testing
