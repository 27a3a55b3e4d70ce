#pragma once
// The status panel a technician calls up over the slide (F1, I, or a long press):
// who the kiosk is, what each source last did, how much cache and memory it uses.
// Takes plain data: the kiosk gathers it (kiosk/status_report), this only draws.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock_time.hpp"
#include "render/font_cache.hpp"
#include "render/slide_canvas.hpp"
#include "render/text_texture_cache.hpp"

namespace bangvang::render {

struct StatusSourceLine {
    std::string id{};
    std::string name{};                 // from its manifest; empty when nothing is cached
    bool remote = false;              // polled over HTTP (else a folder loaded at start)
    std::int64_t version = 0;         // playing; 0 = nothing cached yet
    std::size_t item_count = 0;       // items of that version in the cache
    std::size_t held_back_items = 0;  // waiting for media that failed
    core::UnixSeconds expires_at = 0; // of the accepted manifest; 0 = unknown
    std::optional<core::UnixSeconds> last_success{};
    std::optional<core::UnixSeconds> last_attempt{};
    std::string last_error{};           // why the last attempt failed; empty when it succeeded
    int consecutive_failures = 0;
};

// Frame times of the last crossfade, measured by the player.
struct TransitionTiming {
    int frames = 0;
    double mean_milliseconds = 0;
    double worst_milliseconds = 0;
};

struct StatusOverlayData {
    std::string kiosk_id{};
    std::string site{};
    std::string place_name{};
    std::string program_version{};  // "0.1.0"
    core::UnixSeconds now = 0;
    bool clock_synchronized = true;  // false: nothing is flagged expired by this clock
    std::string clock_state{};       // "đã đồng bộ", "chưa đồng bộ (chờ máy chủ giờ)", ...; "" = not shown
    int utc_offset_minutes = core::vietnam_utc_offset_minutes;
    std::int64_t uptime_seconds = 0;
    std::size_t playable_items = 0;  // items this kiosk may show (its audience)
    std::vector<StatusSourceLine> sources{};
    std::uint64_t database_bytes = 0;  // the SQLite file and its WAL
    std::uint64_t media_bytes = 0;
    std::size_t media_files = 0;
    std::uint64_t texture_bytes = 0;   // text, image and shape caches
    std::uint64_t texture_budget_bytes = 0;
    std::optional<TransitionTiming> last_transition{};
    std::uint64_t resident_bytes = 0;  // RSS
    int hides_after_seconds = 30;
};

// Draws the panel over whatever the current target holds (the slide shows dimmed
// around it) and records its text in the canvas's report.
void draw_status_overlay(SlideCanvas& canvas, const StatusOverlayData& data);

// The panel with caches of its own: shown for seconds at a time, its text must not
// push the slides' textures out of their caches. forget_textures() frees them when
// the panel hides (and after a renderer reset).
class StatusOverlayPainter {
public:
    // Throws RenderError when the theme's fonts cannot be opened.
    StatusOverlayPainter(SDL_Renderer* renderer, const Theme& theme, int width, int height);

    SlideReport draw(const StatusOverlayData& data);
    void forget_textures();
    std::size_t texture_bytes() const { return text_textures_.statistics().bytes + shapes_.bytes(); }

private:
    SDL_Renderer* renderer_;
    Theme theme_;
    SlideGeometry geometry_;
    FontCache fonts_;
    TextTextureCache text_textures_;
    TextPainter text_painter_;
    ShapePainter shapes_;
    ImageLibrary images_;
    QrTextureCache qr_codes_;
};

// "850 kB", "12,3 MB", "1,2 GB": Vietnamese decimal comma.
std::string format_bytes(std::uint64_t bytes);
// "45 giây", "12 phút", "3 giờ 05 phút", "2 ngày 4 giờ"
std::string format_duration(std::int64_t seconds);
// "08:05 25/11/2024 (3 phút trước)", or "(còn 2 ngày)" for an instant ahead of `now`.
std::string format_status_time(core::UnixSeconds at, core::UnixSeconds now, int utc_offset_minutes);

}  // namespace bangvang::render
