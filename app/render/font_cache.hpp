#pragma once
// Fonts opened once per (weight, pixel size): fitting tries several sizes, and every
// slide reuses the same handful. Each font file is mapped into memory once and every
// size opened from that mapping: FreeType then reads glyphs from memory instead of
// seeking and reading the file through stdio for each glyph it loads (that was a
// sixth of a start's CPU).
#include <filesystem>
#include <map>
#include <memory>
#include <utility>

#include "files/mapped_file.hpp"
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
    const files::MappedFile& mapped(FontWeight weight);

    std::filesystem::path regular_;
    std::filesystem::path bold_;
    // Declared before the fonts: they read from the mappings until they are closed.
    std::unique_ptr<files::MappedFile> regular_file_;
    std::unique_ptr<files::MappedFile> bold_file_;
    std::map<std::pair<FontWeight, int>, FontPtr> fonts_;
};

}  // namespace bangvang::render
