#include "publish/link_length_check.hpp"

#include <algorithm>

#include "render/slide_geometry.hpp"
#include "render/story_slide.hpp"
#include "render/theme.hpp"

namespace bangvang::publish {

std::size_t readable_link_bytes(const ScreenShape& shape) {
    // The QR code's square depends on the screen's shorter side only, not on the theme.
    return render::story_link_capacity(render::make_slide_geometry(render::default_theme(), shape.width, shape.height));
}

namespace {

std::size_t code_points(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char byte) {
        return (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
    }));
}

}  // namespace

void check_link_lengths(const nlohmann::ordered_json& document, const ItemOrigins& origins,
                        const std::vector<ScreenShape>& shapes, std::vector<Finding>& findings) {
    const auto items = document.find("items");
    if (items == document.end() || !items->is_array()) return;
    std::vector<std::size_t> limits;
    for (const ScreenShape& shape : shapes) limits.push_back(readable_link_bytes(shape));
    for (std::size_t index = 0; index < items->size(); ++index) {
        const auto& item = (*items)[index];
        if (!item.is_object() || !item.contains("story") || !item["story"].is_object()) continue;
        const auto url = item["story"].find("portal_url");
        if (url == item["story"].end() || !url->is_string()) continue;
        const std::string link = url->get<std::string>();
        std::string too_dense;  // the shapes where the code would be too fine to scan
        std::size_t allowed = link.size();
        for (std::size_t shape = 0; shape < shapes.size(); ++shape) {
            if (link.size() <= limits[shape]) continue;
            too_dense += (too_dense.empty() ? "" : ", ") + shapes[shape].name();
            allowed = std::min(allowed, limits[shape]);
        }
        if (too_dense.empty()) continue;
        std::string file = origins.fallback_file;
        int line = 0;
        if (origins.item_files && index < origins.item_files->size()) file = (*origins.item_files)[index];
        if (origins.item_lines && index < origins.item_lines->size()) {
            const auto& lines = (*origins.item_lines)[index];
            if (const auto found = lines.find("story.portal_url"); found != lines.end()) line = found->second;
        }
        findings.push_back(Finding::error(
            file, line, say::link_too_long(link.size(), allowed, too_dense, code_points(link) != link.size())));
    }
}

}  // namespace bangvang::publish
