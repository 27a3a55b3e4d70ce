#pragma once
// `bangvang-publish preview`: every slide of a built feed drawn through the kiosk's own
// render::SlideRenderer, headless (SDL's dummy video driver, software renderer, as the
// kiosk's headless mode), so staff see what the screens will show.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "render/slide_report.hpp"

namespace bangvang::publish {

struct ScreenShape {
    int width = 1920;
    int height = 1080;
    std::string name() const { return std::to_string(width) + "x" + std::to_string(height); }
    bool operator==(const ScreenShape&) const = default;
};

// The screens kiosks run on: landscape and portrait Full HD, HD, and the 7" panel.
inline const std::vector<ScreenShape> kiosk_screen_shapes{{1920, 1080}, {1080, 1920}, {1280, 720}, {800, 480}};

// "1920x1080" -> {1920, 1080}; nullopt for anything else than WIDTHxHEIGHT in 320..4096.
std::optional<ScreenShape> parse_screen_shape(std::string_view text);

struct PreviewOptions {
    std::filesystem::path feed_directory;    // manifest.json and media/, as build writes them
    std::filesystem::path output_directory;  // empty: draw only (to check text fitting)
    std::vector<ScreenShape> shapes = {ScreenShape{}};
    // Only the items a kiosk of this site (and these tags) would show; every item when unset.
    std::optional<std::string> site{};
    std::vector<std::string> tags{};
    std::string place_name = "Xem trước";  // the header's name, as a kiosk's "place_name"
    core::UnixSeconds now = 0;             // the moment drawn: the header's date and clock
    std::filesystem::path theme_file{};    // a kiosk's "theme" file; empty: the built-in theme
};

struct PreviewSlide {
    std::filesystem::path file;  // empty when not saved
    std::size_t item_index = 0;
    std::string item_id;
    int page = 0;
    ScreenShape shape;
    bool text_cut = false;  // some text did not fit: `cuts` says which
    std::vector<render::TextCutReport> cuts;
    std::vector<render::QrCodeReport> qr_codes;
    std::vector<render::TextBlockReport> text_blocks;  // every block as laid out: sizes, roles, cap heights
    std::vector<SDL_Rect> images;                      // photos, placeholders and QR codes
};

// Throws render::RenderError when SDL fails, render::ThemeError for a bad theme file.
std::vector<PreviewSlide> render_preview(const core::Manifest& manifest, const PreviewOptions& options);

}  // namespace bangvang::publish
