#pragma once
// What one poll of a source means: how its status changes and what the log says. Pure:
// the sync worker reads the network and the cache first, then applies the outcome under
// its lock, so no I/O ever happens while the player might wait for that lock.
#include <optional>
#include <string>

#include "core/clock_time.hpp"
#include "core/result.hpp"
#include "store/content_cache.hpp"
#include "sync/remote_feed.hpp"
#include "sync/source_status.hpp"

namespace bangvang::sync {

// What plays for the source after the poll, as the cache said it (or why it could not).
struct PlayingNow {
    std::optional<store::SourceState> state{};
    std::optional<store::AcceptedVersion> accepted{};
    std::optional<std::string> cache_problem{};  // a damaged cache is said, not thrown
};

struct PollOutcome {
    SyncLogLevel level = SyncLogLevel::info;
    std::string message;
    bool content_changed = false;  // the player should refresh at its next slide boundary
    bool failed = false;           // the poll itself failed: `status.last_error` says why
};

// Updates `status` for a poll made at `reading` (attempt, success, failures, version,
// expiry, held-back items) and says what to log. Media that failed count as a failure
// for the backoff, so they are retried after it rather than at every interval.
PollOutcome record_poll(SourceStatus& status, const core::Result<PollResult>& polled, const PlayingNow& playing,
                        core::ClockReading reading);

}  // namespace bangvang::sync
