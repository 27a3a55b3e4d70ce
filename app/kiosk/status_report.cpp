#include "kiosk/status_report.hpp"

#include <fstream>
#include <system_error>

#include "core/vietnamese_dates.hpp"
#include "kiosk/clock_trust.hpp"

#include <unistd.h>

#ifndef BANGVANG_VERSION_TEXT
#define BANGVANG_VERSION_TEXT "0"
#endif

namespace bangvang::kiosk {

namespace {

std::uint64_t file_bytes(const std::filesystem::path& file) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    return error ? 0 : static_cast<std::uint64_t>(size);
}

const sync::SourceStatus* find_status(const std::vector<sync::SourceStatus>& statuses, const std::string& id) {
    for (const sync::SourceStatus& status : statuses) {
        if (status.source_id == id) return &status;
    }
    return nullptr;
}

}  // namespace

std::uint64_t resident_set_bytes() {
    // statm: size resident shared text lib data dt, in pages.
    std::ifstream statm("/proc/self/statm");
    std::uint64_t size_pages = 0;
    std::uint64_t resident_pages = 0;
    if (!(statm >> size_pages >> resident_pages)) return 0;
    const long page_size = sysconf(_SC_PAGESIZE);
    return resident_pages * static_cast<std::uint64_t>(page_size > 0 ? page_size : 4096);
}

FolderUse folder_use(const std::filesystem::path& directory) {
    FolderUse use;
    std::error_code error;
    for (std::filesystem::directory_iterator entry(directory, error), end; !error && entry != end;
         entry.increment(error)) {
        std::error_code size_error;
        if (!entry->is_regular_file(size_error)) continue;
        const auto size = entry->file_size(size_error);
        if (size_error) continue;
        use.bytes += static_cast<std::uint64_t>(size);
        ++use.files;
    }
    return use;
}

StatusReporter::StatusReporter(const KioskConfig& config, const store::ContentCache& cache,
                               const sync::SyncWorker* worker, std::vector<sync::SourceStatus> folder_statuses,
                               core::UnixSeconds started_at)
    : config_(config),
      cache_(cache),
      worker_(worker),
      folder_statuses_(std::move(folder_statuses)),
      started_(std::chrono::steady_clock::now()),
      started_at_(started_at) {}

std::string freshness_notice(const render::StatusSourceLine& source, core::ClockReading clock, int utc_offset_minutes,
                             core::UnixSeconds started_at) {
    const core::UnixSeconds now = clock.seconds;
    auto date = [&](core::UnixSeconds instant) {
        return core::vietnamese_short_date(core::to_wall_clock(instant, utc_offset_minutes).date);
    };
    if (source.version == 0) return {};  // nothing of it plays
    if (source.expires_at != 0 && clock.has_passed(source.expires_at)) return "Nội dung hết hạn từ " + date(source.expires_at);
    if (!source.remote || source.last_error.empty()) return {};
    const core::UnixSeconds failing_since = source.last_success ? *source.last_success : started_at;
    if (failing_since == 0 || now - failing_since < stale_after_seconds) return {};
    return "Chưa cập nhật được từ " + date(failing_since);
}

std::string StatusReporter::notice_for(const std::string& source_id, core::ClockReading now,
                                       const std::vector<store::SourceState>& playing) const {
    static const std::vector<sync::SourceStatus> none;
    const sync::SyncWorker::StatusSnapshot remote = worker_ ? worker_->latest_status() : nullptr;
    for (const SourceConfig& source : config_.sources) {
        if (source.id != source_id) continue;
        const render::StatusSourceLine line = line_for(source, playing, remote ? *remote : none);
        return freshness_notice(line, now, config_.utc_offset_minutes, started_at_);
    }
    return {};
}

StatusPanel::StatusPanel(const StatusReporter& reporter, render::StatusOverlayPainter& painter,
                         std::function<core::ClockReading()> clock, std::function<PlayerFigures()> figures)
    : reporter_(reporter), painter_(painter), clock_(std::move(clock)), figures_(std::move(figures)) {}

void StatusPanel::draw(SDL_Renderer*) {
    const auto now = std::chrono::steady_clock::now();
    if (!gathered_at_ || now - *gathered_at_ >= std::chrono::seconds(1)) {
        data_ = reporter_.collect(clock_(), figures_());
        gathered_at_ = now;
    }
    painter_.draw(data_);
}

render::StatusOverlayData StatusReporter::collect(core::ClockReading now, const PlayerFigures& figures) const {
    render::StatusOverlayData data;
    data.kiosk_id = config_.identity.kiosk_id;
    data.site = config_.identity.site;
    data.place_name = config_.place_name;
    data.program_version = BANGVANG_VERSION_TEXT;
    data.now = now.seconds;
    data.clock_synchronized = now.synchronized;
    data.clock_state = describe_clock_trust(read_clock_trust(config_.clock_synchronized_file));
    data.utc_offset_minutes = config_.utc_offset_minutes;
    data.uptime_seconds =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_).count();
    data.playable_items = figures.playable_items;
    data.texture_bytes = figures.texture_bytes;
    data.texture_budget_bytes = figures.texture_budget_bytes;
    data.last_transition = figures.last_transition;
    data.resident_bytes = resident_set_bytes();

    const std::filesystem::path database = config_.cache_directory / "content.sqlite3";
    data.database_bytes = file_bytes(database) + file_bytes(database.string() + "-wal");
    const FolderUse media = folder_use(config_.cache_directory / "media");
    data.media_bytes = media.bytes;
    data.media_files = media.files;

    data.sources = sources();
    return data;
}

std::vector<render::StatusSourceLine> StatusReporter::sources() const {
    static const std::vector<sync::SourceStatus> none;
    std::vector<render::StatusSourceLine> lines;
    // The worker's published copy: the panel never waits for the worker's lock, which a
    // poll holds across its own SQLite reads.
    const sync::SyncWorker::StatusSnapshot remote = worker_ ? worker_->latest_status() : nullptr;
    const std::vector<store::SourceState> cached = cache_.sources();
    for (const SourceConfig& source : config_.sources) lines.push_back(line_for(source, cached, remote ? *remote : none));
    return lines;
}

render::StatusSourceLine StatusReporter::line_for(const SourceConfig& source, const std::vector<store::SourceState>& cached,
                                                  const std::vector<sync::SourceStatus>& remote) const {
    render::StatusSourceLine line{.id = source.id, .remote = source.is_remote()};
    for (const store::SourceState& state : cached) {
        if (state.source_id != source.id) continue;
        line.name = state.source_name;
        line.version = state.version;
        line.item_count = state.item_count;
        line.expires_at = state.expires_at;
    }
    const sync::SourceStatus* status = find_status(source.is_remote() ? remote : folder_statuses_, source.id);
    if (status) {
        line.last_success = status->last_success;
        line.last_attempt = status->last_attempt;
        line.last_error = status->last_error;
        line.consecutive_failures = status->consecutive_failures;
        line.held_back_items = status->held_back_items;
        // The worker knows the manifest it accepted, which may not be playing yet.
        if (status->expires_at != 0 && status->version >= line.version) line.expires_at = status->expires_at;
    }
    return line;
}

}  // namespace bangvang::kiosk
