#include "core/rendition_choice.hpp"

namespace bangvang::core {

const Rendition* choose_rendition(const MediaRef& media, ScreenSize screen) {
    if (!screen.known() || media.renditions.empty()) return nullptr;
    const MediaBox* box = nullptr;
    for (const MediaBox& candidate : media.boxes) {
        if (candidate.screen_width == screen.width && candidate.screen_height == screen.height) box = &candidate;
    }
    if (box == nullptr) return nullptr;
    const Rendition* chosen = nullptr;
    for (const Rendition& rendition : media.renditions) {
        // One cut for another screen would show another part of the picture.
        if (rendition.crop && (rendition.screen_width != screen.width || rendition.screen_height != screen.height)) continue;
        if (rendition.width < box->width || rendition.height < box->height) continue;
        const auto pixels = [](const Rendition& r) { return static_cast<std::int64_t>(r.width) * r.height; };
        if (chosen == nullptr || pixels(rendition) < pixels(*chosen) ||
            (pixels(rendition) == pixels(*chosen) && rendition.size_bytes < chosen->size_bytes)) {
            chosen = &rendition;
        }
    }
    return chosen;
}

Manifest with_chosen_renditions(const Manifest& manifest, ScreenSize screen) {
    Manifest chosen = manifest;
    std::map<std::string, std::string, std::less<>> replacement;
    for (MediaRef& media : chosen.media) {
        if (const Rendition* rendition = choose_rendition(media, screen)) {
            replacement.emplace(media.sha256, rendition->sha256);
            media.sha256 = rendition->sha256;
            media.size_bytes = rendition->size_bytes;
            media.width = rendition->width;
            media.height = rendition->height;
        }
        media.renditions.clear();
        media.boxes.clear();
    }
    if (replacement.empty()) return chosen;
    for (Item& item : chosen.items) replace_media(item, replacement);
    return chosen;
}

}  // namespace bangvang::core
