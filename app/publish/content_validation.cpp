#include "publish/content_validation.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/clock_time.hpp"
#include "core/manifest_parser.hpp"
#include "core/model.hpp"
#include "publish/content_folder.hpp"
#include "publish/glyph_check.hpp"
#include "publish/link_length_check.hpp"
#include "publish/media_file.hpp"
#include "publish/slide_preview.hpp"
#include "publish/temporary_directory.hpp"
#include "publish/text_cuts.hpp"

namespace bangvang::publish {

namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

// What the checks know of the folder: where each item came from, line by line.
struct SourceMap {
    std::string name;  // the folder, or its source.json
    std::vector<std::string> item_files;
    std::vector<std::map<std::string, int>> item_lines;
    std::map<std::string, int> source_lines;
};

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

std::string item_file(const SourceMap& source, std::size_t index) {
    if (index < source.item_files.size()) return source.item_files[index];
    return source.name;
}

// The line a member came from: the longest recorded path that `member` starts with
// ("story.body[2]" for "story.body[2]", "standings.rows[3]" for "standings.rows[3].score").
int line_of(const std::map<std::string, int>& lines, const std::string& member) {
    int line = 0;
    std::size_t best = 0;
    for (const auto& [path, path_line] : lines) {
        const bool covers = member == path || (member.starts_with(path) && (member[path.size()] == '.' ||
                                                                            member[path.size()] == '['));
        if (covers && path.size() >= best) {
            best = path.size();
            line = path_line;
        }
    }
    return line;
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

bool is_missing_reason(const std::string& reason) {
    return reason == "is required but missing" || reason == "must not be empty";
}

bool has_error_at(const std::vector<Finding>& findings, const std::string& file, int line) {
    return std::any_of(findings.begin(), findings.end(), [&](const Finding& finding) {
        return finding.severity == Severity::error && finding.file == file && (line == 0 || finding.line == line);
    });
}

// A Problem of the kiosk's parser about items[index] (or the source), as staff read it.
void add_feed_problem(const SourceMap& source, const core::Problem& problem, std::optional<core::ItemKind> kind,
                      std::vector<Finding>& findings) {
    if (problem.field.empty() && problem.reason.ends_with("]")) {  // already staff text (staff_problem)
        const auto [file, line] = file_and_line(problem.where);
        findings.push_back({Severity::error, file, line, problem.reason, ""});
        return;
    }
    std::string file = source.name;
    int line = 0;
    std::string label = problem.field;
    if (problem.field.starts_with("source.")) {
        file = std::string(source_file_name);
        line = line_of(source.source_lines, problem.field);
        label = feed_field_label(core::ItemKind::story, problem.field);
    } else if (const auto index = item_index_in(problem.where)) {
        file = item_file(source, *index);
        if (*index < source.item_lines.size()) line = line_of(source.item_lines[*index], problem.field);
        if (kind) label = feed_field_label(*kind, problem.field);
    }
    // The folder's own checks already said it (a field left out, a date that is no date).
    if (has_error_at(findings, file, line) || (is_missing_reason(problem.reason) && has_error_at(findings, file, 0))) {
        return;
    }
    findings.push_back(Finding::error(file, line, say::feed_rule(label, problem)));
}

// Sets the member at `field` ("story.body[2]", "schedule.hours[0].to") to something the
// parser accepts, or removes it, so that the next parse reports the next problem.
// False when there is nothing left to change.
bool set_aside(ordered_json& item, const std::string& field) {
    std::string pointer;
    for (char character : field) {
        if (character == '.' || character == '[') pointer += '/';
        else if (character != ']') pointer += character;
    }
    if (pointer.empty()) return false;
    const ordered_json::json_pointer path("/" + pointer);
    if (!item.contains(path)) return false;
    ordered_json& value = item.at(path);
    if (value.is_string() && value != "x") {
        value = "x";
        return true;
    }
    ordered_json& parent = item.at(path.parent_pointer());
    if (!parent.is_object()) return false;
    parent.erase(path.back());
    return true;
}

// The kiosk's rules for one item, every problem of it (not just the first).
void check_item_as_kiosk(ordered_json item, std::size_t index, const SourceMap& source, std::vector<Finding>& findings) {
    const auto kind_value = item.find("kind");
    const std::optional<core::ItemKind> kind =
        kind_value != item.end() && kind_value->is_string() ? core::item_kind_from_string(kind_value->get<std::string>())
                                                            : std::nullopt;
    std::set<std::string> reported;
    for (int attempt = 0; attempt < 64; ++attempt) {
        const auto parsed = core::parse_item(item.dump(), source.name + ": items[" + std::to_string(index) + "]");
        if (parsed) return;
        const core::Problem& problem = parsed.problem();
        if (!reported.insert(problem.field).second) return;
        add_feed_problem(source, problem, kind, findings);
        if (!set_aside(item, problem.field)) return;
    }
}

// The kiosk's rules over what the folder became: every item, then nguon.txt's source.
void check_as_kiosk(const SourceDocument& document, const SourceMap& source, std::vector<Finding>& findings) {
    ordered_json json = document.json;
    // Pictures are paths until the build hashes them: any hash passes the item's check.
    for (const MediaReference& reference : document.media_references) {
        const ordered_json::json_pointer pointer(reference.json_pointer);
        if (json.contains(pointer)) json.at(pointer) = std::string(64, '0');
    }
    const auto items = json.find("items");
    if (items != json.end() && items->is_array()) {
        for (std::size_t index = 0; index < items->size(); ++index) {
            check_item_as_kiosk((*items)[index], index, source, findings);
        }
    }
    if (json.contains("source")) {
        ordered_json manifest = {{"format", "bangvang.feed/1"},      {"source", json["source"]},
                                 {"version", 1},                     {"issued_at", "2024-01-01T00:00:00Z"},
                                 {"expires_at", "2024-01-02T00:00:00Z"}, {"items", ordered_json::array()}};
        std::set<std::string> reported;
        for (int attempt = 0; attempt < 4; ++attempt) {
            const auto parsed = core::parse_manifest(manifest.dump(), source.name);
            if (parsed || !reported.insert(parsed.problem().field).second) break;
            add_feed_problem(source, parsed.problem(), std::nullopt, findings);
            if (!set_aside(manifest, parsed.problem().field)) break;
        }
    }
}

void check_photo_sizes(const fs::path& source_directory, const SourceDocument& document, const SourceMap& source,
                       std::vector<Finding>& findings) {
    std::set<std::string> checked;
    for (const MediaReference& reference : document.media_references) {
        if (!checked.insert(reference.relative_path).second) continue;
        const auto described = describe_media_file(source_directory / reference.relative_path);
        auto [file, line] = source.item_files.empty() ? std::make_pair(source.name, 0) : file_and_line(reference.where);
        if (!described) {
            findings.push_back(
                Finding::error(file, line, say::picture_unusable(reference.relative_path, described.problem().reason)));
            continue;
        }
        const int shorter = std::min(described->width, described->height);
        if (shorter < min_sharp_photo_side) {
            findings.push_back(Finding::warning(file, line,
                                                say::picture_too_small(reference.relative_path, described->width,
                                                                       described->height, min_sharp_photo_side)));
        }
    }
}

// Why a text cut at every screen shape still reaches its readers, or empty when it
// does not: a story's QR code "Đọc toàn văn" leads to the whole article.
std::string rest_of_text_reachable(const core::Item& item) {
    if (const auto* story = std::get_if<core::Story>(&item.content); story && !story->portal_url.empty()) {
        return say::qr_code_leads_to_article();
    }
    return {};
}

// Every cut the renderer makes, per screen shape, told as it happens on the kiosk: the
// preview draws through the kiosk's own renderer, which reports what it left out.
void check_text_fits(const core::Manifest& manifest, const fs::path& feed, const SourceMap& source,
                     core::UnixSeconds now, std::vector<Finding>& findings) {
    const auto slides = render_preview(manifest, PreviewOptions{.feed_directory = feed,
                                                                .output_directory = {},
                                                                .shapes = kiosk_screen_shapes,
                                                                .site = std::nullopt,
                                                                .tags = {},
                                                                .place_name = "Xem trước",
                                                                .now = now,
                                                                .theme_file = {}});
    struct Cut {
        std::size_t item = 0;
        int line = 0;
        std::string description;
        bool body = false;
        std::vector<std::string> shapes;
    };
    std::vector<Cut> cuts;
    std::map<std::size_t, std::set<std::string>> cut_shapes;
    for (const PreviewSlide& slide : slides) {
        const core::Item& item = manifest.items[slide.item_index];
        for (const render::TextCutReport& report : slide.cuts) {
            const CutField field = field_of_cut(item, report);
            const int line = slide.item_index < source.item_lines.size()
                                 ? line_of_cut(source.item_lines[slide.item_index], item, field)
                                 : 0;
            const std::string description = describe_cut(item, report);
            cut_shapes[slide.item_index].insert(slide.shape.name());
            auto same = std::find_if(cuts.begin(), cuts.end(), [&](const Cut& cut) {
                return cut.item == slide.item_index && cut.description == description;
            });
            if (same == cuts.end()) {
                cuts.push_back(Cut{slide.item_index, line, description, report.field == "body", {}});
                same = cuts.end() - 1;
            }
            if (std::find(same->shapes.begin(), same->shapes.end(), slide.shape.name()) == same->shapes.end()) {
                same->shapes.push_back(slide.shape.name());
            }
        }
    }
    for (const Cut& cut : cuts) {
        std::string listed;
        for (const std::string& shape : cut.shapes) listed += (listed.empty() ? "" : ", ") + shape;
        const bool everywhere = cut_shapes[cut.item].size() == kiosk_screen_shapes.size();
        const std::string reachable = rest_of_text_reachable(manifest.items[cut.item]);
        std::string message = "ở màn hình " + listed + ": " + cut.description;
        message += reachable.empty() ? "" : " (" + reachable + ")";
        message += cut.body ? "; hãy rút gọn bài hoặc tách thành hai bài" : "; hãy viết ngắn hơn";
        const StaffMessage said{.code = cut.body ? "text_cut body" : "text_cut", .text = std::move(message)};
        const std::string file = item_file(source, cut.item);
        findings.push_back(everywhere && reachable.empty() ? Finding::error(file, cut.line, said)
                                                           : Finding::warning(file, cut.line, said));
    }
}

// Errors first by file and line, so staff can work down a file; the order of findings
// within one line is kept.
void sort_findings(std::vector<Finding>& findings) {
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& left, const Finding& right) {
        return std::tie(left.file, left.line) < std::tie(right.file, right.line);
    });
}

CheckedBuild check_and_build(const BuildOptions& options, core::UnixSeconds now, const ValidationOptions& validation,
                             bool publish) {
    CheckedBuild checked;
    std::vector<Finding>& findings = checked.findings;
    const fs::path& source_directory = options.source_directory;
    SourceMap source;
    SourceDocument document;
    if (is_content_folder(source_directory) && !fs::exists(source_directory / "source.json")) {
        ContentFolder folder = read_content_files(load_content_files(source_directory));
        findings = std::move(folder.findings);
        document = std::move(folder.document);
        source = SourceMap{.name = source_directory.string(),
                           .item_files = std::move(folder.item_files),
                           .item_lines = std::move(folder.item_lines),
                           .source_lines = std::move(folder.source_lines)};
        check_as_kiosk(document, source, findings);
    } else {
        auto loaded = load_source(source_directory);
        if (!loaded) {
            findings.push_back({Severity::error, source_directory.string(), 0, say::feed_rule("source.json", loaded.problem()).text, ""});
            return checked;
        }
        source.name = loaded->name;
        document = std::move(loaded->document);
    }
    check_link_lengths(document.json,
                       ItemOrigins{.fallback_file = source.name, .item_files = &source.item_files,
                                   .item_lines = &source.item_lines},
                       kiosk_screen_shapes, findings);
    check_glyphs(document.json,
                 ItemOrigins{.fallback_file = source.name, .item_files = &source.item_files,
                             .item_lines = &source.item_lines},
                 kiosk_fonts(), findings);
    check_photo_sizes(source_directory, document, source, findings);
    sort_findings(findings);
    if (count_errors(findings) > 0) return checked;

    // Build for real (into a scratch folder for validate): the kiosk's own parser checks
    // the whole manifest, and the slides are drawn from the pictures as published.
    auto prepared = prepare_feed(options, now);
    if (!prepared) {
        add_feed_problem(source, prepared.problem(), std::nullopt, findings);
        if (count_errors(findings) == 0) {
            findings.push_back(Finding::error(source.name, 0, say::feed_rule("", prepared.problem())));
        }
        return checked;
    }
    if (validation.check_text_fits) {
        check_text_fits(prepared->manifest, options.feed_directory, source, now, findings);
        sort_findings(findings);
    }
    if (count_errors(findings) > 0 || !publish) return checked;
    checked.built = publish_prepared_feed(options, std::move(*prepared));
    return checked;
}

}  // namespace

std::vector<Finding> validate_content(const fs::path& source_directory, core::UnixSeconds now,
                                      const ValidationOptions& options) {
    TemporaryDirectory scratch("bangvang-validate");
    return check_and_build(
               // Renditions change nothing a staff member can get wrong: validate skips them.
               BuildOptions{.source_directory = source_directory, .feed_directory = scratch.path() / "feed", .version = 1,
                            .pictures = PictureOptions{.renditions = false}},
               now, options, false)
        .findings;
}

CheckedBuild build_checked_feed(const BuildOptions& options, core::UnixSeconds now, const ValidationOptions& validation) {
    return check_and_build(options, now, validation, true);
}

}  // namespace bangvang::publish
