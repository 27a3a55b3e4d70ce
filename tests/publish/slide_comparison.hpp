#pragma once
// Slides drawn by the kiosk (--headless) and by `bangvang-publish preview`, compared
// pixel by pixel: the PNGs each prints, found by item and page, and their difference.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/build_paths.hpp"
#include "support/process.hpp"

namespace bangvang::testing {

namespace slide_files = std::filesystem;

// The test files of one program share this header: inline, in the testing namespace.

struct SlideSurfaceDeleter {
    void operator()(SDL_Surface* surface) const { SDL_FreeSurface(surface); }
};
using SlideSurfacePtr = std::unique_ptr<SDL_Surface, SlideSurfaceDeleter>;

inline SlideSurfacePtr load_rgba(const slide_files::path& file) {
    SlideSurfacePtr loaded(IMG_Load(file.c_str()));
    INFO(file.string() << ": " << IMG_GetError());
    REQUIRE(loaded);
    SlideSurfacePtr rgba(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_RGBA32, 0));
    REQUIRE(rgba);
    return rgba;
}

struct PixelDifference {
    int largest = 0;                 // the largest difference of one channel, 0..255
    std::size_t pixels_differing = 0;  // pixels with any channel different
    std::size_t pixels = 0;
    double share() const { return pixels == 0 ? 0.0 : static_cast<double>(pixels_differing) / static_cast<double>(pixels); }
};

inline PixelDifference compare_pngs(const slide_files::path& first, const slide_files::path& second) {
    const SlideSurfacePtr a = load_rgba(first);
    const SlideSurfacePtr b = load_rgba(second);
    REQUIRE(a->w == b->w);
    REQUIRE(a->h == b->h);
    PixelDifference difference;
    difference.pixels = static_cast<std::size_t>(a->w) * static_cast<std::size_t>(a->h);
    for (int y = 0; y < a->h; ++y) {
        const auto* row_a = static_cast<const std::uint8_t*>(a->pixels) + static_cast<std::ptrdiff_t>(y) * a->pitch;
        const auto* row_b = static_cast<const std::uint8_t*>(b->pixels) + static_cast<std::ptrdiff_t>(y) * b->pitch;
        for (int x = 0; x < a->w; ++x) {
            int pixel_largest = 0;
            for (int channel = 0; channel < 4; ++channel) {
                const int delta = std::abs(int(row_a[x * 4 + channel]) - int(row_b[x * 4 + channel]));
                pixel_largest = std::max(pixel_largest, delta);
            }
            if (pixel_largest > 0) ++difference.pixels_differing;
            difference.largest = std::max(difference.largest, pixel_largest);
        }
    }
    return difference;
}

// "…/007-story-nguyen-thi-hoa.png" -> "story-nguyen-thi-hoa": the number is the order
// of play (kiosk) or of the feed (preview), the rest names the item and page.
inline std::map<std::string, slide_files::path> slides_by_name(const std::string& printed_paths) {
    static const std::regex numbered(R"(^[0-9]+-(.+)\.png$)");
    std::map<std::string, slide_files::path> slides;
    std::istringstream lines(printed_paths);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("  ")) continue;  // "  800x480: “Nội dung” dài hơn 3 trang: …"
        if (const auto cut = line.find("  ("); cut != std::string::npos) line.resize(cut);  // "(chữ bị cắt bằng …)"
        if (line.empty()) continue;
        const slide_files::path file = line;
        std::smatch match;
        const std::string name = file.filename().string();
        if (std::regex_match(name, match, numbered)) slides.emplace(match[1].str(), file);
    }
    return slides;
}

// What both sides of a comparison run with: the programs, and one moment, site and
// place so that every slide's header and footer read the same on both.
namespace comparison {

// A Wednesday morning, on the minute: the headless run takes seconds, so every slide's
// header clock reads 09:30 on both sides.
inline constexpr const char* moment = "2024-11-20T09:30:00+07:00";
inline constexpr const char* site = "phuong-nhan-chinh";
inline constexpr const char* place_name = "UBND phường Nhân Chính";
inline const std::string publish_binary = paths::publish_program;
inline const std::string kiosk_binary = paths::kiosk_program;

inline ProcessResult publish(const std::string& arguments, const slide_files::path& scratch) {
    return run_process(shell_quote(publish_binary) + " " + arguments, scratch);
}

// The sample folder, quoted for a command line.
inline std::string sample_folder() { return shell_quote((slide_files::path(paths::checkout) / "content" / "sample").string()); }

// A new key in ROOT/keys/quan, then the sample built and signed with it into ROOT/feed:
// the result of the first step that failed, or of the build.
inline ProcessResult build_signed_sample(const slide_files::path& root) {
    ProcessResult keygen = publish("keygen --out " + shell_quote((root / "keys" / "quan").string()), root / "run-keygen");
    if (keygen.exit_code != 0) return keygen;
    return publish("build " + sample_folder() + " --out " + shell_quote((root / "feed").string()) + " --key " +
                       shell_quote((root / "keys" / "quan.secret").string()) +
                       " --issued-at 2024-11-20T08:00:00+07:00 --valid-days 60",
                   root / "run-build");
}

// ROOT/feed pushed to `feed_url` with the staff's token.
inline ProcessResult push_feed(const slide_files::path& root, const std::string& feed_url, const std::string& token) {
    return publish("push " + shell_quote((root / "feed").string()) + " " + shell_quote(feed_url) + " --token " + token,
                   root / "run-push");
}

// kiosk.json of a kiosk of `site` with a screen of WIDTHxHEIGHT, syncing `feed_url` and
// trusting the key build_signed_sample made.
inline std::string kiosk_config(const std::string& kiosk_id, int width, int height, const std::string& feed_url,
                                const slide_files::path& root) {
    std::string public_key = read_file(root / "keys" / "quan.public");
    std::erase_if(public_key, [](char c) { return c == '\n' || c == '\r'; });
    return R"({"kiosk_id": ")" + kiosk_id + R"(", "site": ")" + site + R"(", "place_name": ")" + place_name +
           R"(", "cache_directory": "cache", "screen": {"width": )" + std::to_string(width) + R"(, "height": )" +
           std::to_string(height) + R"(}, "sources": [{"id": "quan-thanh-xuan", "url": ")" + feed_url +
           R"(", "keys": [")" + public_key + R"("]}]})";
}

// The real kiosk of FOLDER/kiosk.json, headless into FOLDER/screens, one round at `moment`.
inline ProcessResult run_kiosk_once(const slide_files::path& folder) {
    return run_process(shell_quote(kiosk_binary) + " --config " + shell_quote((folder / "kiosk.json").string()) +
                           " --headless " + shell_quote((folder / "screens").string()) + " --once --now " + moment,
                       folder / "run-kiosk");
}

// `preview` of the sample into FOLDER/preview at SHAPE ("1280x720"), this site and place,
// at `at` (by default the kiosk's moment).
inline ProcessResult preview_sample(const slide_files::path& folder, const std::string& shape,
                                    const std::string& out = "preview", const std::string& at = moment) {
    return publish("preview " + sample_folder() + " --out " + shell_quote((folder / out).string()) + " --shape " +
                       shape + " --site " + site + " --place-name " + shell_quote(place_name) + " --at " + at,
                   folder / ("run-" + out));
}

// The kiosk drew the slides preview drew, no more and no fewer, and each with the same
// pixels. Tolerance: no channel of any pixel more than 2 apart, and at most 0.1 % of the
// pixels different at all (room for a rounding step, none for a shifted glyph).
inline void check_same_slides(const std::map<std::string, slide_files::path>& kiosk_slides,
                              const std::map<std::string, slide_files::path>& preview_slides, const std::string& label) {
    std::vector<std::string> kiosk_names;
    std::vector<std::string> preview_names;
    for (const auto& [name, file] : kiosk_slides) kiosk_names.push_back(name);
    for (const auto& [name, file] : preview_slides) preview_names.push_back(name);
    INFO(label);
    CHECK(kiosk_names == preview_names);
    for (const auto& [name, kiosk_file] : kiosk_slides) {
        const auto found = preview_slides.find(name);
        if (found == preview_slides.end()) continue;
        const PixelDifference difference = compare_pngs(kiosk_file, found->second);
        INFO(name << ": largest channel difference " << difference.largest << ", " << difference.pixels_differing
                  << " of " << difference.pixels << " pixels differ (kiosk " << kiosk_file.string() << ", preview "
                  << found->second.string() << ")");
        CHECK(difference.largest <= 2);
        CHECK(difference.share() <= 0.001);
    }
}

}  // namespace comparison

}  // namespace bangvang::testing
