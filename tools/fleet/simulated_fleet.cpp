#include "simulated_fleet.hpp"

#include <sodium.h>

#include <condition_variable>
#include <memory>
#include <ctime>
#include <mutex>
#include <queue>
#include <system_error>
#include <thread>

#include "store/content_cache.hpp"
#include "sync/poll_outcome.hpp"
#include "sync/remote_feed.hpp"

namespace bangvang::fleet {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Kiosk {
    fs::path folder;
    sync::ConditionalState conditional;
    sync::SourceStatus status;
    KioskRecord record;
    std::uint64_t pending_bytes = 0;  // non-304 polls since its last complete version
    std::unique_ptr<sync::HttpClient> client;  // kept between polls with client_per_kiosk
};

struct Due {
    SteadyTime at;
    std::size_t kiosk = 0;
    bool operator>(const Due& other) const { return at > other.at; }
};

bool is_media_name(const std::string& name) {
    if (name.size() != 64) return false;
    for (const char c : name) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

// Replaces each media file of `media` by a hard link to the one copy in `shared` (made
// from the first kiosk's file): the same bytes, checked by every kiosk, stored once.
void share_media(const fs::path& media, const fs::path& shared) {
    std::error_code error;
    for (const fs::directory_entry& entry : fs::directory_iterator(media, error)) {
        const std::string name = entry.path().filename().string();
        std::error_code ignored;
        if (!is_media_name(name) || !entry.is_regular_file(ignored)) continue;
        const fs::path common = shared / name;
        if (!fs::exists(common, ignored)) {
            fs::create_hard_link(entry.path(), common, ignored);  // another thread may win: fine
            continue;
        }
        if (fs::equivalent(common, entry.path(), ignored)) continue;
        const fs::path linked = media / (name + ".shared");
        fs::remove(linked, ignored);
        std::error_code link_error;
        fs::create_hard_link(common, linked, link_error);
        if (!link_error) fs::rename(linked, entry.path(), ignored);
    }
}

class Fleet {
public:
    explicit Fleet(const FleetOptions& options) : options_(options) {
        fs::create_directories(shared_media());
        kiosks_.resize(options_.kiosks);
        started_ = Clock::now();
        deadline_ = started_ + options_.max_duration;
        const auto interval_ms = std::chrono::duration_cast<std::chrono::milliseconds>(options_.schedule.interval);
        for (std::size_t index = 0; index < kiosks_.size(); ++index) {
            kiosks_[index].folder = options_.scratch / ("kiosk-" + std::to_string(index));
            kiosks_[index].status.source_id = options_.trust.source_id;
            if (!options_.screens.empty()) kiosks_[index].record.screen = options_.screens[index % options_.screens.size()];
            const auto offset = std::chrono::milliseconds(randombytes_uniform(static_cast<std::uint32_t>(interval_ms.count())));
            queue_.push(Due{started_ + offset, index});
        }
    }

    FleetReport run() {
        if (options_.seed_from_first) seed_from_first();
        std::vector<std::jthread> pool;
        for (std::size_t thread = 0; thread < std::max<std::size_t>(1, options_.threads); ++thread) {
            pool.emplace_back([this] { serve(); });
        }
        pool.clear();  // joins
        FleetReport report;
        report.started = started_;
        report.elapsed = Clock::now() - started_;
        report.max_lag = max_lag_;
        report.late_polls = late_polls_;
        report.reached_target = options_.target_version > 0 && at_target_ == kiosks_.size();
        for (Kiosk& kiosk : kiosks_) report.kiosks.push_back(std::move(kiosk.record));
        return report;
    }

private:
    fs::path shared_media() const { return options_.scratch / "shared-media"; }

    // The first kiosk of each screen polls now; the others get a copy of its cache and
    // count as having its version.
    void seed_from_first() {
        const std::size_t firsts = std::min(kiosks_.size(), std::max<std::size_t>(1, options_.screens.size()));
        std::vector<std::chrono::seconds> waits;
        for (std::size_t index = 0; index < firsts; ++index) {
            Kiosk& first = kiosks_[index];
            waits.push_back(poll(first));
            if (!first.record.first_version_at) {
                throw std::runtime_error("the first kiosk could not get the feed to seed the others: " +
                                         first.record.last_error);
            }
        }
        for (std::size_t index = firsts; index < kiosks_.size(); ++index) {
            Kiosk& kiosk = kiosks_[index];
            const Kiosk& first = kiosks_[index % firsts];  // the same screen: screens are taken in turn
            fs::create_directories(kiosk.folder / "media");
            for (const fs::directory_entry& entry : fs::directory_iterator(first.folder)) {
                if (entry.is_regular_file()) fs::copy_file(entry.path(), kiosk.folder / entry.path().filename());
            }
            for (const fs::directory_entry& entry : fs::directory_iterator(first.folder / "media")) {
                fs::create_hard_link(entry.path(), kiosk.folder / "media" / entry.path().filename());
            }
            kiosk.record.first_version_at = first.record.first_version_at;
            kiosk.record.version = first.record.version;
            kiosk.record.seeded = true;
        }
        // The others' first polls move by the time seeding took (not counted as late);
        // the first kiosks' next polls are after their first poll's wait.
        const Clock::duration seeding = Clock::now() - started_;
        std::priority_queue<Due, std::vector<Due>, std::greater<>> rest;
        for (; !queue_.empty(); queue_.pop()) {
            if (queue_.top().kiosk >= firsts) rest.push(Due{queue_.top().at + seeding, queue_.top().kiosk});
        }
        for (std::size_t index = 0; index < firsts; ++index) rest.push(Due{Clock::now() + waits[index], index});
        queue_ = std::move(rest);
        synced_ = kiosks_.size();
        if (options_.on_all_synced) options_.on_all_synced();
    }

    // One pool thread: takes the earliest due poll, waits for its time, runs it, schedules the next.
    void serve() {
        std::unique_lock lock(mutex_);
        while (!stop_) {
            const Clock::time_point now = Clock::now();
            if (now >= deadline_) {
                stop_ = true;
                wake_.notify_all();
                break;
            }
            if (queue_.empty() || queue_.top().at > now) {
                wake_.wait_until(lock, queue_.empty() ? deadline_ : std::min(queue_.top().at, deadline_));
                continue;
            }
            const Due due = queue_.top();
            queue_.pop();
            const Clock::duration lag = now - due.at;
            max_lag_ = std::max(max_lag_, lag);
            if (lag > std::chrono::seconds(1)) ++late_polls_;
            lock.unlock();
            Kiosk& kiosk = kiosks_[due.kiosk];
            const bool had_version = kiosk.record.first_version_at.has_value();
            const bool had_target = kiosk.record.target_at.has_value();
            const std::chrono::seconds wait = poll(kiosk);
            lock.lock();
            const bool all_synced_now = !had_version && kiosk.record.first_version_at && ++synced_ == kiosks_.size();
            if (!had_target && kiosk.record.target_at && ++at_target_ == kiosks_.size()) {
                stop_ = true;
                wake_.notify_all();
            }
            queue_.push(Due{Clock::now() + wait, due.kiosk});
            wake_.notify_one();
            if (all_synced_now && options_.on_all_synced) {
                lock.unlock();
                options_.on_all_synced();
                lock.lock();
            }
        }
    }

    // One poll of one kiosk, as its sync worker makes it; returns the wait before its next.
    std::chrono::seconds poll(Kiosk& kiosk) {
        const core::ClockReading reading(static_cast<core::UnixSeconds>(std::time(nullptr)), true);
        sync::PlayingNow playing;
        const core::Result<sync::PollResult> polled = [&]() -> core::Result<sync::PollResult> {
            try {
                store::ContentCache cache(kiosk.folder / "content.sqlite3", kiosk.folder / "media");
                std::optional<sync::HttpClient> fresh;
                if (options_.client_per_kiosk && !kiosk.client) kiosk.client = std::make_unique<sync::HttpClient>(options_.http);
                sync::HttpClient& client = options_.client_per_kiosk ? *kiosk.client : fresh.emplace(options_.http);
                core::Result<sync::PollResult> result =
                    sync::poll_remote_feed(options_.feed_url, options_.trust, cache, client, kiosk.conditional, reading,
                                           kiosk.record.screen);
                playing.state = cache.source_state(options_.trust.source_id);
                playing.accepted = cache.accepted_version(options_.trust.source_id);
                return result;
            } catch (const std::exception& error) {  // the disk or SQLite: counted like a network error
                return core::Problem{options_.feed_url, "", error.what()};
            }
        }();
        sync::record_poll(kiosk.status, polled, playing, reading);
        account(kiosk, polled);
        return sync::wait_before_next_poll(options_.schedule, kiosk.status.consecutive_failures,
                                           kiosk.status.last_success.has_value());
    }

    void account(Kiosk& kiosk, const core::Result<sync::PollResult>& polled) {
        KioskRecord& record = kiosk.record;
        ++record.polls;
        if (!polled) {
            ++record.failures;
            record.last_error = polled.problem().message();
            return;
        }
        if (polled->not_modified) {
            ++record.not_modified;
            record.not_modified_bytes += polled->bytes_received;
            return;
        }
        kiosk.pending_bytes += polled->bytes_received;
        if (polled->sync.applied.media_fetched > 0) share_media(kiosk.folder / "media", shared_media());
        const bool complete = kiosk.status.version > 0 && kiosk.status.held_back_items == 0;
        if (!complete || kiosk.status.version == record.version) return;
        const SteadyTime now = Clock::now();
        if (!record.first_version_at) {
            record.first_version_at = now;
            record.install_bytes += kiosk.pending_bytes;
        } else {
            record.update_bytes += kiosk.pending_bytes;
        }
        kiosk.pending_bytes = 0;
        record.version = kiosk.status.version;
        if (options_.target_version > 0 && record.version >= options_.target_version && !record.target_at) {
            record.target_at = now;
        }
    }

    const FleetOptions& options_;
    std::vector<Kiosk> kiosks_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> queue_;
    bool stop_ = false;
    std::size_t synced_ = 0;
    std::size_t at_target_ = 0;
    SteadyTime started_{};
    SteadyTime deadline_{};
    Clock::duration max_lag_{};
    std::size_t late_polls_ = 0;
};

}  // namespace

FleetReport run_fleet(const FleetOptions& options) {
    Fleet fleet(options);
    return fleet.run();
}

}  // namespace bangvang::fleet
