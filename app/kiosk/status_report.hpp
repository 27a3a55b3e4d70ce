#pragma once
// Gathers what the status overlay shows (render/status_overlay): the kiosk's identity,
// each configured source as the cache, the sync worker and the start-up folder load
// see it, the cache's bytes on disk, and the process's memory. Runs on the main
// thread: it reads the cache through the player's own connection.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include <SDL.h>

#include "kiosk/kiosk_config.hpp"
#include "render/status_overlay.hpp"
#include "store/content_cache.hpp"
#include "sync/sync_worker.hpp"

namespace bangvang::kiosk {

// Figures only the player and the renderer know.
struct PlayerFigures {
    std::size_t playable_items = 0;
    std::uint64_t texture_bytes = 0;
    std::uint64_t texture_budget_bytes = 0;
    std::optional<render::TransitionTiming> last_transition{};
};

class StatusReporter {
public:
    // `worker` may be null (no remote source); `folder_statuses` are the start-up
    // load's outcome for folder sources (content_loader). Keep the references alive.
    // `started_at` (the kiosk clock at start) dates a source that has failed ever since.
    StatusReporter(const KioskConfig& config, const store::ContentCache& cache, const sync::SyncWorker* worker,
                   std::vector<sync::SourceStatus> folder_statuses, core::UnixSeconds started_at = 0);

    render::StatusOverlayData collect(core::ClockReading now, const PlayerFigures& figures) const;
    // The configured sources as the cache and the worker say now (the overlay, once a second).
    std::vector<render::StatusSourceLine> sources() const;
    // The footer's notice for a source's slides (see freshness_notice), from what the
    // drawing path already holds: `playing`, the deck's source states as of its last
    // refresh, and the worker's latest published status. No SQLite, no worker lock.
    std::string notice_for(const std::string& source_id, core::ClockReading now,
                           const std::vector<store::SourceState>& playing) const;

private:
    render::StatusSourceLine line_for(const SourceConfig& source, const std::vector<store::SourceState>& cached,
                                      const std::vector<sync::SourceStatus>& remote) const;

    const KioskConfig& config_;
    const store::ContentCache& cache_;
    const sync::SyncWorker* worker_;
    std::vector<sync::SourceStatus> folder_statuses_;
    std::chrono::steady_clock::time_point started_;
    core::UnixSeconds started_at_;
};

// A synced source whose last successful sync (or, with none, the kiosk's start) is at
// least this old while its polls fail is said to be out of date on its slides.
inline constexpr core::UnixSeconds stale_after_seconds = 24 * 3600;

// What the footer of a source's slides says, "" when its content is fresh:
//   "Nội dung hết hạn từ 23/11/2024"   its manifest expired (the kiosk keeps playing it;
//                                      never said while the clock is unsynchronised)
//   "Chưa cập nhật được từ 20/11/2024" its polls have failed for stale_after_seconds
std::string freshness_notice(const render::StatusSourceLine& source, core::ClockReading now, int utc_offset_minutes,
                             core::UnixSeconds started_at);

// The player's draw_overlay: the panel over the frame, its figures gathered at most
// once a second (a crossfade draws the panel at the display's refresh rate, and
// counting the media folder is not free).
class StatusPanel {
public:
    StatusPanel(const StatusReporter& reporter, render::StatusOverlayPainter& painter,
                std::function<core::ClockReading()> clock, std::function<PlayerFigures()> figures);
    void draw(SDL_Renderer* renderer);

private:
    const StatusReporter& reporter_;
    render::StatusOverlayPainter& painter_;
    std::function<core::ClockReading()> clock_;
    std::function<PlayerFigures()> figures_;
    std::optional<std::chrono::steady_clock::time_point> gathered_at_;
    render::StatusOverlayData data_;
};

// The process's resident memory from /proc/self/statm; 0 where there is none.
std::uint64_t resident_set_bytes();

// Bytes of the regular files directly in `directory` (media are stored flat), and how
// many there are; zeros when it cannot be read.
struct FolderUse {
    std::uint64_t bytes = 0;
    std::size_t files = 0;
};
FolderUse folder_use(const std::filesystem::path& directory);

}  // namespace bangvang::kiosk
