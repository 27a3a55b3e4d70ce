#pragma once
// Fonts opened once per (weight, pixel size): fitting tries several sizes, and every
// slide reuses the same handful. Each font file is mapped into memory once and every
// size opened from that mapping: FreeType then reads glyphs from memory instead of
// seeking and reading the file through stdio for each glyph it loads (that was a
// sixth of a start's CPU). The fallback fonts (render/font_fallback.hpp) are opened
// the same way, but only when a character the theme's font lacks is met: most feeds
// never open them, and the first frame does not wait for them.
#include <filesystem>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "files/mapped_file.hpp"
#include "render/sdl_handles.hpp"

namespace bangvang::render {

enum class FontWeight { regular, bold };

class FontCache {
public:
    FontCache(std::filesystem::path regular, std::filesystem::path bold);
    FontCache(std::filesystem::path regular, std::filesystem::path bold,
              std::vector<std::filesystem::path> fallbacks);

    // Opens on first use; throws RenderError when the font file cannot be opened.
    TTF_Font* get(FontWeight weight, int pixel_size);
    const std::filesystem::path& path(FontWeight weight) const;
    std::size_t open_count() const { return fonts_.size(); }

    std::size_t fallback_count() const { return fallbacks_.size(); }
    // Fallback `index` for text of `pixel_size`, or null when its file cannot be opened
    // (not installed: the chain is shorter, never an error). A font with fixed bitmap
    // sizes only (colour emoji) is opened once, at its own size: see fallback_scale().
    TTF_Font* fallback(std::size_t index, int pixel_size);
    // What the fallback's glyphs must be scaled by to sit on a line of `pixel_size` text
    // of `weight`: 1 for outline fonts, about 0.4 for a 109 px emoji strike at 50 px lines.
    double fallback_scale(std::size_t index, FontWeight weight, int pixel_size);

private:
    struct Fallback {
        std::filesystem::path path;
        std::unique_ptr<files::MappedFile> file;
        bool unavailable = false;
        bool fixed_size = false;  // bitmap strikes only: `sizes` holds one font
        std::map<int, FontPtr> sizes;
    };

    const files::MappedFile& mapped(FontWeight weight);
    FontPtr open(const files::MappedFile& file, const std::filesystem::path& path, int pixel_size);

    std::filesystem::path regular_;
    std::filesystem::path bold_;
    // Declared before the fonts: they read from the mappings until they are closed.
    std::unique_ptr<files::MappedFile> regular_file_;
    std::unique_ptr<files::MappedFile> bold_file_;
    std::map<std::pair<FontWeight, int>, FontPtr> fonts_;
    std::vector<Fallback> fallbacks_;
};

}  // namespace bangvang::render
