// Every file of JSONTestSuite's test_parsing fed to parse_manifest: none of them is a
// feed manifest, so all must be refused, each with the right kind of reason, and none
// may crash (100 000 nested arrays included).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "core/manifest_parser.hpp"
#include "support/build_paths.hpp"

using namespace bangvang::core;

namespace {

std::filesystem::path suite_directory() {
    return std::filesystem::path(bangvang::testing::paths::corpora) / "jsontestsuite" / "test_parsing";
}

std::string read_bytes(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    REQUIRE(file);
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

std::vector<std::filesystem::path> suite_files(char prefix) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(suite_directory())) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name.size() > 2 && name[0] == prefix && name[1] == '_') files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

bool says_not_a_manifest(const Problem& problem) {
    const bool top_level_not_object = problem.field.empty() &&
                                      problem.reason.find("is not a feed manifest: the top level is") == 0;
    const bool format_missing = problem.field == "format" &&
                                problem.reason.find("is missing: not a bangvang feed manifest") == 0;
    return top_level_not_object || format_missing;
}

}  // namespace

TEST_CASE("JSONTestSuite: n_ files are rejected as invalid JSON", "[manifest_parser][jsontestsuite]") {
    const auto files = suite_files('n');
    REQUIRE(files.size() == 188);
    for (const auto& path : files) {
        const std::string origin = path.filename().string();
        INFO(origin);
        const Result<Manifest> parsed = parse_manifest(read_bytes(path), origin);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.problem().where == origin);
        CHECK(parsed.problem().field.empty());
        CHECK_THAT(parsed.problem().reason, Catch::StartsWith("is not valid JSON"));
    }
}

TEST_CASE("JSONTestSuite: y_ files parse but are not manifests", "[manifest_parser][jsontestsuite]") {
    const auto files = suite_files('y');
    REQUIRE(files.size() == 95);
    for (const auto& path : files) {
        const std::string origin = path.filename().string();
        INFO(origin);
        const Result<Manifest> parsed = parse_manifest(read_bytes(path), origin);
        REQUIRE_FALSE(parsed.ok());
        INFO(parsed.problem().message());
        CHECK(parsed.problem().where == origin);
        CHECK(says_not_a_manifest(parsed.problem()));
    }
}

TEST_CASE("JSONTestSuite: i_ files are refused one way or the other", "[manifest_parser][jsontestsuite]") {
    const auto files = suite_files('i');
    REQUIRE(files.size() == 35);
    for (const auto& path : files) {
        const std::string origin = path.filename().string();
        INFO(origin);
        const Result<Manifest> parsed = parse_manifest(read_bytes(path), origin);
        REQUIRE_FALSE(parsed.ok());
        INFO(parsed.problem().message());
        const bool invalid_json = parsed.problem().reason.find("is not valid JSON") == 0;
        CHECK((invalid_json || says_not_a_manifest(parsed.problem())));
    }
}

TEST_CASE("JSONTestSuite: parse_item survives every file too", "[manifest_parser][jsontestsuite]") {
    for (char prefix : {'y', 'n', 'i'}) {
        for (const auto& path : suite_files(prefix)) {
            INFO(path.filename().string());
            const Result<Item> parsed = parse_item(read_bytes(path), "item");
            CHECK_FALSE(parsed.ok());
        }
    }
}
