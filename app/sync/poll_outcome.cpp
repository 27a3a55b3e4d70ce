#include "sync/poll_outcome.hpp"

namespace bangvang::sync {

namespace {

// A successful poll: what it applied, repaired or found unchanged.
PollOutcome record_success(SourceStatus& status, const PollResult& polled, core::UnixSeconds now) {
    PollOutcome outcome;
    status.last_success = now;
    status.last_error.clear();
    const AppliedFeed& applied = polled.sync.applied;
    status.consecutive_failures = applied.media_failures.empty() ? 0 : status.consecutive_failures + 1;
    status.last_poll_bytes = polled.bytes_received;
    outcome.content_changed = polled.sync.verdict == FeedVerdict::accept ||
                              (polled.sync.verdict == FeedVerdict::repair && applied.media_fetched > 0);
    if (polled.sync.verdict == FeedVerdict::repair) {
        outcome.message = "version " + std::to_string(polled.sync.version) + ": " +
                          std::to_string(applied.media_fetched) + " missing media files fetched again";
        if (!applied.media_failures.empty()) {
            outcome.level = SyncLogLevel::warning;
            status.last_error = std::to_string(applied.media_failures.size()) +
                                " media files still missing: " + applied.media_failures.front().reason;
            outcome.message += "; " + status.last_error;
        }
    } else if (outcome.content_changed) {
        outcome.message = "applied version " + std::to_string(applied.version) + " (" +
                          std::to_string(applied.items_live) + " items, " + std::to_string(applied.media_fetched) +
                          " media files fetched, " + std::to_string(applied.screen_copies_written) +
                          " screen-sized copies made)";
        if (!applied.screen_copy_failures.empty()) {
            outcome.message += "; " + std::to_string(applied.screen_copy_failures.size()) +
                               " drawn from their originals, first: " + applied.screen_copy_failures.front();
        }
        if (applied.held_back_items > 0) {
            outcome.level = SyncLogLevel::warning;
            status.last_error = std::to_string(applied.held_back_items) +
                                " items wait for media: " + applied.media_failures.front().reason;
            outcome.message += "; " + status.last_error;
        }
    } else {
        outcome.message = "version " + std::to_string(polled.sync.version) + " unchanged (" +
                          std::to_string(polled.bytes_received) + " bytes)";
    }
    return outcome;
}

}  // namespace

PollOutcome record_poll(SourceStatus& status, const core::Result<PollResult>& polled, const PlayingNow& playing,
                        core::ClockReading reading) {
    status.last_attempt = reading.seconds;
    PollOutcome outcome;
    if (polled) {
        outcome = record_success(status, *polled, reading.seconds);
    } else {
        ++status.consecutive_failures;
        status.last_error = polled.problem().message();
        outcome.level = SyncLogLevel::error;
        outcome.failed = true;
        outcome.message = status.last_error;
    }
    if (playing.cache_problem) {
        outcome.message += "; the cache cannot say what plays: " + *playing.cache_problem;
    } else if (playing.state) {
        status.version = playing.state->version;
        status.expires_at = playing.state->expires_at;
        if (outcome.failed) outcome.message += "; still playing version " + std::to_string(playing.state->version);
    } else if (outcome.failed) {
        outcome.message += "; nothing cached for it yet";
    }
    if (playing.accepted) status.held_back_items = playing.accepted->held_back_items;
    if (status.expires_at > 0 && reading.has_passed(status.expires_at)) {
        outcome.message += "; the playing version expired at " +
                           core::format_rfc3339(status.expires_at, core::vietnam_utc_offset_minutes);
    }
    return outcome;
}

}  // namespace bangvang::sync
