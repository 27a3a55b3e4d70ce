#include "publish/source_document.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "core/bounded_json.hpp"
#include "core/manifest_parser.hpp"

namespace bangvang::publish {

namespace {

using nlohmann::ordered_json;

// Members the build computes; an author who writes them would be silently overruled.
constexpr std::array<std::string_view, 4> members_added_by_build{"version", "issued_at", "expires_at", "media"};

core::Problem problem_at(std::string where, std::string field, std::string reason) {
    return core::Problem{.where = std::move(where), .field = std::move(field), .reason = std::move(reason)};
}

std::string describe_item(std::string_view origin, std::size_t index, const ordered_json& item) {
    std::string where = std::string(origin) + ": items[" + std::to_string(index) + "]";
    if (item.is_object()) {
        const auto id = item.find("id");
        if (id != item.end() && id->is_string()) where += " (id \"" + id->get<std::string>() + "\")";
    }
    return where;
}

// Collects the reference at object[member] when present; a Problem when it is not a usable path.
std::optional<core::Problem> collect(const ordered_json& object, std::string_view member, std::string pointer,
                                     const std::string& where, std::string field,
                                     std::vector<MediaReference>& references) {
    const auto found = object.find(std::string(member));
    if (found == object.end()) return std::nullopt;
    if (!found->is_string()) return problem_at(where, field, "must be a path to a picture, as a string");
    std::string path = found->get<std::string>();
    if (!is_safe_relative_path(path)) {
        return problem_at(where, field,
                          "\"" + path + "\" must be a path inside the content folder (relative, without \"..\")");
    }
    references.push_back(MediaReference{.json_pointer = std::move(pointer),
                                        .where = where,
                                        .field = std::move(field),
                                        .relative_path = std::move(path)});
    return std::nullopt;
}

std::optional<core::Problem> collect_item_references(const ordered_json& item, std::size_t index,
                                                     const std::string& where,
                                                     std::vector<MediaReference>& references) {
    const auto kind = item.find("kind");
    if (kind == item.end() || !kind->is_string()) return std::nullopt;  // parse_manifest reports it
    const std::string kind_name = kind->get<std::string>();
    const auto content = item.find(kind_name);
    if (content == item.end() || !content->is_object()) return std::nullopt;
    const std::string base = "/items/" + std::to_string(index) + "/" + kind_name;

    if (kind_name == "story") return collect(*content, "photo", base + "/photo", where, "story.photo", references);
    if (kind_name == "announcement" || kind_name == "commemoration") {
        return collect(*content, "image", base + "/image", where, kind_name + ".image", references);
    }
    if (kind_name == "honor_roll") {
        const auto entries = content->find("entries");
        if (entries == content->end() || !entries->is_array()) return std::nullopt;
        for (std::size_t entry = 0; entry < entries->size(); ++entry) {
            if (!(*entries)[entry].is_object()) continue;
            const std::string suffix = "/entries/" + std::to_string(entry) + "/photo";
            if (auto problem = collect((*entries)[entry], "photo", base + suffix, where,
                                       "honor_roll.entries[" + std::to_string(entry) + "].photo", references)) {
                return problem;
            }
        }
    }
    return std::nullopt;
}

}  // namespace

bool is_safe_relative_path(std::string_view path) {
    if (path.empty() || path.front() == '/' || path.find('\\') != std::string_view::npos) return false;
    if (path.find('\0') != std::string_view::npos) return false;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string_view segment = path.substr(start, end - start);
        if (segment == "..") return false;
        start = end + 1;
    }
    return true;
}

core::Result<SourceDocument> parse_source_document(std::string_view json_bytes, std::string_view origin) {
    const std::string where(origin);
    SourceDocument document;
    core::Result<ordered_json> parsed =
        core::read_ordered_json(json_bytes, where, core::JsonLimits{.max_bytes = 2 * core::max_manifest_bytes});
    if (!parsed) return parsed.problem();
    document.json = std::move(*parsed);
    if (!document.json.is_object()) return problem_at(where, "", "must hold a JSON object");
    for (std::string_view member : members_added_by_build) {
        if (document.json.contains(std::string(member))) {
            return problem_at(where, std::string(member), "is added by bangvang-publish build; remove it from the source");
        }
    }
    const auto items = document.json.find("items");
    if (items == document.json.end() || !items->is_array()) {
        return problem_at(where, "items", "must be a list of items");
    }
    for (std::size_t index = 0; index < items->size(); ++index) {
        const ordered_json& item = (*items)[index];
        if (!item.is_object()) continue;  // parse_manifest reports it with the same index
        if (auto problem = collect_item_references(item, index, describe_item(origin, index, item),
                                                   document.media_references)) {
            return *problem;
        }
    }
    return document;
}

}  // namespace bangvang::publish
