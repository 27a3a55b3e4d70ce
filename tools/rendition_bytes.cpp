// Bytes per kiosk per update, before and after renditions (#15 point 1): builds a feed
// with `bangvang-publish build`'s own code (originals only, then renditions made each way asked)
// and counts what a kiosk of each screen shape downloads, chosen by the kiosk's own
// core::with_chosen_renditions. For the sample content and for N synthetic camera
// photos (4000x3000 JPEGs: a scene with sensor-like noise, so they compress like
// photos, not like flat gradients). Prints `figure: value unit` lines.
// Usage: bangvang-rendition-bytes --work DIR [--sample content/sample] [--photos 300]
//        [--variants whole cut cut-q75]
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <sys/resource.h>

#include "core/rendition_choice.hpp"
#include "media/jpeg_encoder.hpp"
#include "media/surface.hpp"
#include "publish/feed_builder.hpp"
#include "publish/slide_preview.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bangvang;

constexpr double mebibyte = 1024.0 * 1024.0;

// A 4000x3000 outdoor-like picture: sky gradient, ground, a few blocks and discs of
// colour, and ±12 of per-pixel noise (what makes a camera file megabytes, not kilobytes).
void write_camera_photo(const fs::path& file, int index) {
    constexpr int width = 4000, height = 3000;
    media::SurfacePtr surface = media::create_rgba_surface(width, height);
    std::uint32_t state = 2463534242u + static_cast<std::uint32_t>(index) * 7919u;
    const auto noise = [&state] {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return static_cast<int>(state % 25) - 12;
    };
    const int horizon = height / 2 + (index * 137) % (height / 4);
    for (int y = 0; y < height; ++y) {
        auto* row = reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(surface->pixels) + y * surface->pitch);
        for (int x = 0; x < width; ++x) {
            int r, g, b;
            if (y < horizon) {
                r = 90 + y * 100 / horizon;
                g = 140 + y * 80 / horizon;
                b = 230 - y * 30 / horizon;
            } else {
                r = 70 + ((x / 180 + y / 140 + index) % 5) * 18;
                g = 110 + ((x / 260 + index) % 4) * 20;
                b = 50 + ((y / 90) % 3) * 15;
            }
            const int block = ((x / 500) * 7 + (y / 400) * 3 + index) % 11;
            if (y > horizon - 400 && block < 3) {
                r = 150 + block * 30;
                g = 120 + block * 20;
                b = 100;
            }
            const int n = noise();
            const auto clamp = [](int v) { return static_cast<std::uint32_t>(v < 0 ? 0 : v > 255 ? 255 : v); };
            row[x] = 0xff000000u | clamp(r + n) << 16 | clamp(g + n) << 8 | clamp(b + n);
        }
    }
    media::save_jpeg(*surface, file, 92);
}

// A source.json of `photos` stories, each with its own camera photo.
void write_camera_source(const fs::path& folder, int photos) {
    if (fs::exists(folder / "source.json")) return;
    fs::create_directories(folder / "photos");
    nlohmann::ordered_json source = {{"format", "bangvang.feed/1"},
                                     {"source", {{"id", "bench-camera"}, {"name", "Ảnh máy ảnh (thử)"}}},
                                     {"items", nlohmann::ordered_json::array()}};
    for (int index = 0; index < photos; ++index) {
        const std::string name = "photos/photo-" + std::to_string(index + 1) + ".jpg";
        write_camera_photo(folder / name, index);
        source["items"].push_back(
            {{"id", "story-" + std::to_string(index + 1)},
             {"kind", "story"},
             {"story",
              {{"name", "Người tốt số " + std::to_string(index + 1)},
               {"headline", "Gương người tốt, việc tốt thứ " + std::to_string(index + 1)},
               {"body", {"Hơn mười năm làm tổ trưởng tổ dân phố, bà thuộc từng ngõ nhỏ, nhớ từng hộ gia đình."}},
               {"photo", name}}}});
        if ((index + 1) % 50 == 0) std::fprintf(stderr, "bangvang-rendition-bytes: %d/%d photos\n", index + 1, photos);
    }
    std::ofstream(folder / "source.json") << source.dump(2) << "\n";
}

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// How the renditions are made in one measured build.
struct Variant {
    std::string name;  // "whole", "cut", "cut-q75", ...
    bool cut = true;
    int quality = 0;  // renditions' JPEG quality; 0: the build's (88)
};

std::optional<Variant> variant_of(const std::string& name) {
    Variant variant{.name = name};
    std::string rest = name;
    if (const auto dash = name.find("-q"); dash != std::string::npos) {
        rest = name.substr(0, dash);
        variant.quality = std::atoi(name.c_str() + dash + 2);
        if (variant.quality < 50 || variant.quality > 100) return std::nullopt;
    }
    if (rest != "whole" && rest != "cut") return std::nullopt;
    variant.cut = rest == "cut";
    return variant;
}

core::Manifest build(const fs::path& source, const fs::path& feed, const std::optional<Variant>& variant,
                     const std::string& name) {
    fs::remove_all(feed);
    const double before = cpu_seconds();
    publish::PictureOptions pictures{.renditions = variant.has_value()};
    if (variant) {
        pictures.cut_renditions = variant->cut;
        pictures.rendition_jpeg_quality = variant->quality;
    }
    auto built = publish::build_feed(publish::BuildOptions{.source_directory = source,
                                                           .feed_directory = feed,
                                                           .version = 1,
                                                           .pictures = pictures},
                                     static_cast<core::UnixSeconds>(std::time(nullptr)));
    if (!built) throw std::runtime_error(built.problem().message());
    std::printf("figure: %s build CPU, %s: %.1f s\n", name.c_str(),
                variant ? ("renditions " + variant->name).c_str() : "originals only", cpu_seconds() - before);
    return built->manifest;
}

std::int64_t media_bytes(const core::Manifest& manifest) {
    std::int64_t total = 0;
    for (const core::MediaRef& media : manifest.media) total += media.size_bytes;
    return total;
}

void measure(const std::string& name, const fs::path& source, const fs::path& work, const std::vector<Variant>& variants) {
    const core::Manifest originals = build(source, work / (name + "-originals"), std::nullopt, name);
    const std::int64_t before = media_bytes(originals);
    std::printf("figure: %s bytes per kiosk per update, originals (today, every shape): %.2f MiB (%zu files)\n",
                name.c_str(), static_cast<double>(before) / mebibyte, originals.media.size());
    for (const Variant& variant : variants) {
        const core::Manifest with = build(source, work / (name + "-" + variant.name), variant, name);
        std::int64_t server = before;
        std::size_t cut = 0;
        for (const core::MediaRef& media : with.media) {
            for (const core::Rendition& rendition : media.renditions) {
                server += rendition.size_bytes;
                if (rendition.crop) ++cut;
            }
        }
        std::printf("figure: %s bytes on the server, renditions %s: %.2f MiB (%zu renditions cut for one screen)\n",
                    name.c_str(), variant.name.c_str(), static_cast<double>(server) / mebibyte, cut);
        for (const publish::ScreenShape& shape : publish::kiosk_screen_shapes) {
            const std::int64_t after = media_bytes(core::with_chosen_renditions(
                with, core::ScreenSize{.width = shape.width, .height = shape.height}));
            std::printf("figure: %s bytes per kiosk per update at %s, renditions %s: %.2f MiB (%.1f %% of originals)\n",
                        name.c_str(), shape.name().c_str(), variant.name.c_str(), static_cast<double>(after) / mebibyte,
                        100.0 * static_cast<double>(after) / static_cast<double>(before));
        }
        std::fflush(stdout);
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app("Bytes per kiosk per update before and after renditions (#15 point 1)");
    fs::path work;
    fs::path sample = "content/sample";
    int photos = 300;
    std::vector<std::string> variant_names{"whole", "cut"};
    app.add_option("--work", work, "scratch folder (the camera source is generated once here)")->required();
    app.add_option("--sample", sample, "the sample content folder")->capture_default_str();
    app.add_option("--photos", photos, "camera photos in the second feed; 0: sample only")->capture_default_str();
    app.add_option("--variants", variant_names,
                   "how renditions are made, each measured: whole (whole pictures only), cut (also cut for one "
                   "screen's box), either with -qN (renditions at JPEG quality N)")
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    try {
        std::vector<Variant> variants;
        for (const std::string& name : variant_names) {
            const auto variant = variant_of(name);
            if (!variant) throw std::runtime_error("--variants: " + name + " is not whole, cut, whole-qN or cut-qN");
            variants.push_back(*variant);
        }
        fs::create_directories(work);
        measure("sample", sample, work, variants);
        if (photos > 0) {
            const fs::path camera = work / ("camera-" + std::to_string(photos));
            write_camera_source(camera, photos);
            measure("camera-" + std::to_string(photos), camera, work, variants);
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bangvang-rendition-bytes: %s\n", error.what());
        return 1;
    }
    return 0;
}
