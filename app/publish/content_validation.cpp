#include "publish/content_validation.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <variant>

#include "core/clock_time.hpp"
#include "core/model.hpp"
#include "publish/content_folder.hpp"
#include "publish/feed_builder.hpp"
#include "publish/media_file.hpp"
#include "publish/slide_preview.hpp"
#include "publish/temporary_directory.hpp"

namespace bangvang::publish {

namespace {

namespace fs = std::filesystem;

// "…: items[3] (id …)" -> 3, to name the file an item came from.
std::optional<std::size_t> item_index_in(const std::string& where) {
    const auto found = where.find("items[");
    if (found == std::string::npos) return std::nullopt;
    std::size_t index = 0;
    std::size_t position = found + 6;
    bool any = false;
    while (position < where.size() && where[position] >= '0' && where[position] <= '9') {
        index = index * 10 + static_cast<std::size_t>(where[position++] - '0');
        any = true;
    }
    if (!any) return std::nullopt;
    return index;
}

std::string item_file(const LoadedSource& source, std::size_t index) {
    if (index < source.item_files.size()) return source.item_files[index];
    return source.name;
}

// "guong-dien-hinh/a.txt:7" -> file and line.
std::pair<std::string, int> file_and_line(const std::string& where) {
    const auto colon = where.rfind(':');
    if (colon == std::string::npos) return {where, 0};
    try {
        return {where.substr(0, colon), std::stoi(where.substr(colon + 1))};
    } catch (const std::exception&) {
        return {where, 0};
    }
}

void check_photo_sizes(const fs::path& source_directory, const LoadedSource& source, std::vector<Finding>& findings) {
    std::set<std::string> checked;
    for (const MediaReference& reference : source.document.media_references) {
        if (!checked.insert(reference.relative_path).second) continue;
        const auto described = describe_media_file(source_directory / reference.relative_path);
        auto [file, line] = source.item_files.empty() ? std::make_pair(source.name, 0) : file_and_line(reference.where);
        if (!described) {
            findings.push_back({Severity::error, file, line,
                                reference.relative_path + " " + described.problem().reason});
            continue;
        }
        const int shorter = std::min(described->width, described->height);
        if (shorter < min_sharp_photo_side) {
            findings.push_back({Severity::warning, file, line,
                                "the photo " + reference.relative_path + " is only " + std::to_string(described->width) +
                                    "x" + std::to_string(described->height) + " pixels and will look blurred; use one at least " +
                                    std::to_string(min_sharp_photo_side) + " pixels on its shorter side"});
        }
    }
}

// Why a text cut at every screen shape still reaches its readers, or empty when it
// does not: a story's QR code "Đọc toàn văn" leads to the whole article, and before a
// commemoration's date the countdown takes the room its text has afterwards.
std::string rest_of_text_reachable(const core::Item& item, core::UnixSeconds now) {
    if (const auto* story = std::get_if<core::Story>(&item.content); story && !story->portal_url.empty()) {
        return "the QR code leads to the whole article";
    }
    if (const auto* commemoration = std::get_if<core::Commemoration>(&item.content)) {
        const core::CivilDate today = core::to_wall_clock(now, core::vietnam_utc_offset_minutes).date;
        if (today < commemoration->anniversary) return "before the anniversary the countdown takes the room";
    }
    return {};
}

void check_text_fits(const core::Manifest& manifest, const fs::path& feed, const LoadedSource& source,
                     core::UnixSeconds now, std::vector<Finding>& findings) {
    const auto slides = render_preview(manifest, PreviewOptions{.feed_directory = feed,
                                                                .output_directory = {},
                                                                .shapes = kiosk_screen_shapes,
                                                                .site = std::nullopt,
                                                                .tags = {},
                                                                .place_name = "Xem trước",
                                                                .now = now,
                                                                .theme_file = {}});
    std::map<std::size_t, std::vector<std::string>> cut_shapes;
    for (const PreviewSlide& slide : slides) {
        if (!slide.text_cut) continue;
        auto& shapes = cut_shapes[slide.item_index];
        if (std::find(shapes.begin(), shapes.end(), slide.shape.name()) == shapes.end()) {
            shapes.push_back(slide.shape.name());
        }
    }
    for (const auto& [index, shapes] : cut_shapes) {
        std::string listed;
        for (const std::string& shape : shapes) listed += (listed.empty() ? "" : ", ") + shape;
        const bool everywhere = shapes.size() == kiosk_screen_shapes.size();
        const std::string reachable = everywhere ? rest_of_text_reachable(manifest.items[index], now) : std::string{};
        const bool unreadable = everywhere && reachable.empty();
        findings.push_back(
            {unreadable ? Severity::error : Severity::warning, item_file(source, index), 0,
             "item \"" + manifest.items[index].id + "\": " + std::string(everywhere ? "the text is too long for every screen shape"
                                    : "the text is too long for some screens") +
                 " (cut with \xE2\x80\xA6 at " + listed + ")" + (reachable.empty() ? "" : ", but " + reachable) +
                 "; shorten the paragraphs or split the item"});
    }
}

}  // namespace

std::vector<Finding> validate_content(const fs::path& source_directory, core::UnixSeconds now,
                                      const ValidationOptions& options) {
    std::vector<Finding> findings;
    LoadedSource source;
    if (is_content_folder(source_directory) && !fs::exists(source_directory / "source.json")) {
        ContentFolder folder = read_content_files(load_content_files(source_directory));
        findings = folder.findings;
        source = LoadedSource{.name = source_directory.string(),
                              .document = std::move(folder.document),
                              .findings = {},
                              .item_files = std::move(folder.item_files)};
    } else {
        auto loaded = load_source(source_directory);
        if (!loaded) return {{Severity::error, source_directory.string(), 0, loaded.problem().message()}};
        source = std::move(*loaded);
    }
    check_photo_sizes(source_directory, source, findings);
    if (count_errors(findings) > 0) return findings;

    // Build for real into a scratch folder: the kiosk's own parser checks the result.
    TemporaryDirectory scratch("bangvang-validate");
    const auto built = build_feed(
        BuildOptions{.source_directory = source_directory, .feed_directory = scratch.path() / "feed", .version = 1},
        now);
    if (!built) {
        const core::Problem& problem = built.problem();
        const auto index = item_index_in(problem.where);
        findings.push_back({Severity::error, index ? item_file(source, *index) : source.name, 0, problem.message()});
        return findings;
    }
    if (options.check_text_fits) check_text_fits(built->manifest, scratch.path() / "feed", source, now, findings);
    return findings;
}

}  // namespace bangvang::publish
