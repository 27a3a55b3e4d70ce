#include "core/model.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace bangvang::core {

namespace {

constexpr std::array<std::pair<ItemKind, std::string_view>, 5> kind_names = {{
    {ItemKind::story, "story"},
    {ItemKind::standings, "standings"},
    {ItemKind::honor_roll, "honor_roll"},
    {ItemKind::announcement, "announcement"},
    {ItemKind::commemoration, "commemoration"},
}};

void add_once(std::vector<std::string>& hashes, const std::optional<std::string>& hash) {
    if (!hash || hash->empty()) return;
    if (std::find(hashes.begin(), hashes.end(), *hash) == hashes.end()) hashes.push_back(*hash);
}

void replace_once(std::optional<std::string>& hash, const std::map<std::string, std::string, std::less<>>& replacement) {
    if (!hash) return;
    if (const auto found = replacement.find(*hash); found != replacement.end()) hash = found->second;
}

}  // namespace

std::string_view to_string(ItemKind kind) {
    for (const auto& [candidate, name] : kind_names) {
        if (candidate == kind) return name;
    }
    return "unknown";
}

std::optional<ItemKind> item_kind_from_string(std::string_view name) {
    for (const auto& [kind, candidate] : kind_names) {
        if (candidate == name) return kind;
    }
    return std::nullopt;
}

std::vector<std::string> media_used_by(const Item& item) {
    std::vector<std::string> hashes;
    if (const auto* story = std::get_if<Story>(&item.content)) {
        add_once(hashes, story->photo);
    } else if (const auto* honor_roll = std::get_if<HonorRoll>(&item.content)) {
        for (const auto& entry : honor_roll->entries) add_once(hashes, entry.photo);
    } else if (const auto* announcement = std::get_if<Announcement>(&item.content)) {
        add_once(hashes, announcement->image);
    } else if (const auto* commemoration = std::get_if<Commemoration>(&item.content)) {
        add_once(hashes, commemoration->image);
    }
    return hashes;
}

void replace_media(Item& item, const std::map<std::string, std::string, std::less<>>& replacement) {
    if (auto* story = std::get_if<Story>(&item.content)) {
        replace_once(story->photo, replacement);
    } else if (auto* honor_roll = std::get_if<HonorRoll>(&item.content)) {
        for (auto& entry : honor_roll->entries) replace_once(entry.photo, replacement);
    } else if (auto* announcement = std::get_if<Announcement>(&item.content)) {
        replace_once(announcement->image, replacement);
    } else if (auto* commemoration = std::get_if<Commemoration>(&item.content)) {
        replace_once(commemoration->image, replacement);
    }
}

}  // namespace bangvang::core
