#pragma once
// What the publishing tests share: the sample folder, a fixed "now", scratch folders
// under the build tree, reading and writing a file whole, and findings as text.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/clock_time.hpp"
#include "publish/content_findings.hpp"
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

inline void write_text(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

// Every finding as validate prints it, one a line.
inline std::string findings_text(const std::vector<publish::Finding>& findings) {
    std::string text;
    for (const auto& finding : findings) text += finding.to_string() + "\n";
    return text;
}

// The finding whose text is exactly `expected`, or nullptr.
inline const publish::Finding* finding_said(const std::vector<publish::Finding>& findings, const std::string& expected) {
    const auto found = std::find_if(findings.begin(), findings.end(),
                                    [&](const publish::Finding& finding) { return finding.to_string() == expected; });
    return found == findings.end() ? nullptr : &*found;
}

inline bool has_finding(const std::vector<publish::Finding>& findings, const std::string& expected) {
    return finding_said(findings, expected) != nullptr;
}

}  // namespace bangvang::publish_testing
