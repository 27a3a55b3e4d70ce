#pragma once
// Fonts opened once per (weight, pixel size): fitting tries several sizes, and every
// slide reuses the same handful.
#include <filesystem>
#include <map>
#include <utility>

#include "render/sdl_handles.hpp"

namespace bangvang::render {

enum class FontWeight { regular, bold };

class FontCache {
public:
    FontCache(std::filesystem::path regular, std::filesystem::path bold);

    // Opens on first use; throws RenderError when the font file cannot be opened.
    TTF_Font* get(FontWeight weight, int pixel_size);
    const std::filesystem::path& path(FontWeight weight) const;
    std::size_t open_count() const { return fonts_.size(); }

private:
    std::filesystem::path regular_;
    std::filesystem::path bold_;
    std::map<std::pair<FontWeight, int>, FontPtr> fonts_;
};

}  // namespace bangvang::render
