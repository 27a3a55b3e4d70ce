#pragma once
// What the district serves right now: for each feed in the config, the version of its
// manifest as published (read from the feed folder and accepted only when its signature
// verifies with the configured keys, as a kiosk would) and its items' kinds and titles,
// for the fleet page ("behind") and the report (names, not ids).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "portal/portal_config.hpp"

namespace bangvang::portal {

struct ServedItem {
    core::ItemKind kind = core::ItemKind::story;
    std::string title;
};

struct ServedFeedState {
    std::string source_id;
    std::string source_name;
    std::optional<std::int64_t> version;  // none when the manifest is missing or does not verify
    std::string problem;                  // why not, for the fleet page
    std::map<std::string, ServedItem> items;  // by item id
};

std::vector<ServedFeedState> read_served_feeds(const std::vector<ServedFeed>& feeds);

// "story" -> "Gương điển hình", ...
std::string kind_label(core::ItemKind kind);
std::string item_title(const core::Item& item);

}  // namespace bangvang::portal
