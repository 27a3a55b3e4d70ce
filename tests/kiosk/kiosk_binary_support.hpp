#pragma once
// What the tests of the real `bangvang` binary share: feeds built by the real
// `bangvang-publish` and signed with a test key, kiosk configs, headless runs.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/process.hpp"
#include "sync/feed_signature.hpp"
#include "support/build_paths.hpp"

namespace bangvang::kiosk::testing {

using bangvang::testing::read_file;
using bangvang::testing::run_process;
using bangvang::testing::shell_quote;
using bangvang::testing::write_file;

// BANGVANG_KIOSK_BINARY in the environment runs another build of the kiosk (run.sh's
// ThreadSanitizer run starts its build-tsan binary through these tests).
inline const std::string kiosk_binary =
    std::getenv("BANGVANG_KIOSK_BINARY") ? std::getenv("BANGVANG_KIOSK_BINARY") : bangvang::testing::paths::kiosk_program;
inline const std::string publish_binary = bangvang::testing::paths::publish_program;
inline const std::filesystem::path source_directory = bangvang::testing::paths::checkout;

struct PngSize {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
};

// Reads the IHDR of a PNG; zero sizes when the file is not a PNG.
inline PngSize png_size(const std::filesystem::path& file) {
    std::string bytes = read_file(file);
    if (bytes.size() < 24 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return {};
    auto big_endian = [&](std::size_t at) {
        return (std::uint32_t(std::uint8_t(bytes[at])) << 24) | (std::uint32_t(std::uint8_t(bytes[at + 1])) << 16) |
               (std::uint32_t(std::uint8_t(bytes[at + 2])) << 8) | std::uint32_t(std::uint8_t(bytes[at + 3]));
    };
    return {big_endian(16), big_endian(20)};
}

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);) {
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

// How many times `needle` occurs in `text`.
inline std::size_t count_of(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++count;
    return count;
}

// Feeds must be signed: the tests sign what bangvang-publish built with one key of
// their own and list its public key for every source.
inline const sync::SecretKey& test_signing_key() {
    static const sync::SecretKey key = sync::generate_secret_key();
    return key;
}

inline void sign_feed(const std::filesystem::path& feed) {
    write_file(feed / "manifest.json.sig", sync::sign_manifest(read_file(feed / "manifest.json"), {test_signing_key()}));
}

inline std::string with_keys(std::string sources) {
    const std::string keys = R"("keys": [")" + test_signing_key().public_key().to_base64() + R"("], "url": )";
    for (std::size_t at = sources.find(R"("url": )"); at != std::string::npos;
         at = sources.find(R"("url": )", at + keys.size())) {
        sources.replace(at, 7, keys);
    }
    return sources;
}

// `extra` goes into the config's top level (a leading comma included), e.g. a "sync" section.
inline std::string config_json(const std::string& sources, const std::string& orientation = "landscape",
                               const std::string& extra = "") {
    return R"({"kiosk_id": "test-kiosk-07", "site": "phuong-nhan-chinh", "place_name": "UBND phường Nhân Chính",
              "cache_directory": "cache", "screen": {"width": 1280, "height": 720, "orientation": ")" +
           orientation + R"("}, "sources": [)" + with_keys(sources) + "]" + extra + "}";
}

// bangvang-publish build FOLDER --out FEED, then signed. Without drawing every slide to
// check that its text fits (the publishing tests do that): seconds per build.
inline void publish_folder(const std::filesystem::path& folder, const std::filesystem::path& feed,
                           const std::filesystem::path& scratch, const std::string& options = "") {
    auto built = run_process(shell_quote(publish_binary) + " build --no-text-check " + options + shell_quote(folder.string()) +
                                 " --out " + shell_quote(feed.string()),
                             scratch / "publish");
    INFO(built.standard_error);
    REQUIRE(built.exit_code == 0);
    sign_feed(feed);
}

inline void build_sample_feed(const std::filesystem::path& feed, const std::filesystem::path& scratch) {
    publish_folder(source_directory / "content/sample", feed, scratch);
}

// Two short announcements in SCRATCH/source, built into SCRATCH/feed, and SCRATCH/kiosk.json
// playing them on an 800x480 screen (3 s slides, so that a windowed rotation is quick).
inline void build_short_feed(const std::filesystem::path& scratch) {
    write_file(scratch / "source/source.json", R"({"format": "bangvang.feed/1",
      "source": {"id": "phuong-nhan-chinh", "name": "UBND phường Nhân Chính"},
      "items": [
        {"id": "thong-bao-1", "kind": "announcement", "schedule": {"duration": 3},
         "announcement": {"title": "Thông báo thứ nhất", "body": ["Nội dung thông báo."]}},
        {"id": "thong-bao-2", "kind": "announcement", "schedule": {"duration": 3},
         "announcement": {"title": "Thông báo thứ hai", "body": ["Nội dung thông báo."]}}]})");
    publish_folder(scratch / "source", scratch / "feed", scratch);
    write_file(scratch / "kiosk.json", R"({"kiosk_id": "k1", "site": "phuong-nhan-chinh", "cache_directory": "cache",
      "screen": {"width": 800, "height": 480, "transition_milliseconds": 300},
      "sources": [)" + with_keys(R"({"id": "phuong-nhan-chinh", "url": "feed"})") + "]}");
}

// The three sample announcements with their photos, 3 s each, built into `feed` without
// renditions: every file served is one the kiosk fetches (the fault tests spoil them).
inline void build_photo_feed(const std::filesystem::path& feed, const std::filesystem::path& scratch) {
    const std::filesystem::path folder = scratch / "photo-source";
    std::filesystem::create_directories(folder / "thong-bao");
    std::filesystem::copy_file(source_directory / "content/sample/nguon.txt", folder / "nguon.txt");
    for (const auto& entry : std::filesystem::directory_iterator(source_directory / "content/sample/thong-bao")) {
        const std::filesystem::path target = folder / "thong-bao" / entry.path().filename();
        if (entry.path().extension() != ".txt") {
            std::filesystem::copy_file(entry.path(), target);
            continue;
        }
        std::istringstream lines(read_file(entry.path()));
        std::string text;
        for (std::string line; std::getline(lines, line);) {
            if (line.starts_with("Thời lượng:")) continue;
            text += line + "\n";
            if (text.find('\n') == text.size() - 1) text += "Thời lượng: 3\n";  // after the first line
        }
        write_file(target, text);
    }
    publish_folder(folder, feed, scratch, "--no-renditions ");
}

inline bangvang::testing::ProcessResult run_kiosk(const std::filesystem::path& directory, const std::string& extra = "") {
    return run_process(shell_quote(kiosk_binary) + " --config " + shell_quote((directory / "kiosk.json").string()) +
                           " --headless " + shell_quote((directory / "screens").string()) + " --once " + extra,
                       directory / "run");
}

// Media files (named by their sha256, screen-sized copies left out) in a kiosk's cache.
inline std::size_t media_files(const std::filesystem::path& cache) {
    std::size_t count = 0;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(cache / "media", error)) {
        const std::string name = entry.path().filename().string();
        if (name.size() == 64 && name.find('.') == std::string::npos) ++count;
    }
    return count;
}

}  // namespace bangvang::kiosk::testing
